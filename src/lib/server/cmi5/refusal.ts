/** Why a package was refused: the file, the element and the cmi5 rule it breaks. */
export interface ImportRefusal {
  /** The file inside the package (or the upload itself). */
  file: string;
  /** The element (or entry) at fault, as a person finds it. */
  element: string;
  /** The rule broken, with its section of the cmi5 specification. */
  requirement: string;
  /** One sentence naming all three. */
  message: string;
}
