import { column, type DatasetSchema } from '../dataset-schema.ts';

/** schema.json of the asset-health dataset. */
export const assetHealthSchema: DatasetSchema = {
  title: 'Asset health: AI inspection findings, infrared survey and dissolved gas analysis',
  description:
    "Condition data for the equipment of the asset-register dataset (Cedar Hollow, Maple Valley and Granite Point substations): one drone inspection campaign in May and June 2024 scored by a defect-detection model and checked by field crews, one infrared survey in June 2024 with the load at the time of each reading, dissolved gas analysis of every power transformer from 2019 to July 2024, and the utility's criticality rating of each asset. Every asset_id matches assets.asset_id in asset-register. Dates are local (Central Standard Time, UTC-06:00).",
  tables: [
    {
      name: 'inspection_findings',
      description:
        'One row per component image from the drone campaign: what the model said and what the field crew found.',
      columns: [
        column('finding_id', 'INTEGER', null, 'Row number of the finding.'),
        column(
          'asset_id',
          'TEXT',
          null,
          'Asset the component belongs to; matches assets.asset_id.',
        ),
        column('captured_on', 'TEXT', null, "Date the image was taken, 'YYYY-MM-DD'."),
        column('image_id', 'TEXT', null, 'Image file the model scored.'),
        column(
          'component',
          'TEXT',
          null,
          "Component in the image, e.g. 'HV bushing H2' or 'tank'.",
        ),
        column(
          'model_label',
          'TEXT',
          null,
          "Defect class the model scored highest: 'crack', 'corrosion', 'oil_leak' or 'contamination'.",
        ),
        column(
          'confidence',
          'REAL',
          '0..1',
          'Model score for model_label; the model flags a defect when it reaches the chosen threshold.',
        ),
        column(
          'field_label',
          'TEXT',
          null,
          "What the field crew found: a defect class or 'no_defect'; NULL where no crew has checked the component yet.",
        ),
      ],
    },
    {
      name: 'ir_survey',
      description: 'One row per infrared reading of an outdoor connection or component.',
      columns: [
        column('reading_id', 'INTEGER', null, 'Row number of the reading.'),
        column('asset_id', 'TEXT', null, 'Asset surveyed; matches assets.asset_id.'),
        column('surveyed_at', 'TEXT', null, "Local time of the reading, 'YYYY-MM-DDTHH:MM'."),
        column('component', 'TEXT', null, "Connection or component, e.g. 'load-side connector'."),
        column(
          'phase',
          'TEXT',
          null,
          "'A', 'B' or 'C'; NULL for a component common to all phases.",
        ),
        column(
          'surface',
          'TEXT',
          null,
          "Surface the camera saw: 'painted', 'oxidised', 'porcelain' or 'bare_metal' (bright, unpainted metal).",
        ),
        column('emissivity', 'REAL', null, 'Emissivity set in the camera for the reading.'),
        column('spot_c', 'REAL', '°C', 'Hottest temperature measured on the component.'),
        column(
          'reference_c',
          'REAL',
          '°C',
          'The same component on another phase under similar load; NULL where there is no similar component to compare.',
        ),
        column('ambient_c', 'REAL', '°C', 'Ambient air temperature at the time of the reading.'),
        column('wind_ms', 'REAL', 'm/s', 'Wind speed at the time of the reading.'),
        column(
          'load_pct',
          'REAL',
          '%',
          'Current through the asset at the time of the reading, as a percentage of its rating.',
        ),
      ],
    },
    {
      name: 'dga_samples',
      description:
        'One row per oil sample from the main tank of a power transformer, analysed by the utility laboratory.',
      columns: [
        column('sample_id', 'INTEGER', null, 'Laboratory sample number.'),
        column('asset_id', 'TEXT', null, 'Transformer sampled; matches assets.asset_id.'),
        column('sampled_on', 'TEXT', null, "Date the sample was drawn, 'YYYY-MM-DD'."),
        column('h2', 'REAL', 'ppm', 'Hydrogen dissolved in the oil (µL/L).'),
        column('ch4', 'REAL', 'ppm', 'Methane.'),
        column('c2h6', 'REAL', 'ppm', 'Ethane.'),
        column('c2h4', 'REAL', 'ppm', 'Ethylene.'),
        column('c2h2', 'REAL', 'ppm', 'Acetylene.'),
        column('co', 'REAL', 'ppm', 'Carbon monoxide.'),
        column('co2', 'REAL', 'ppm', 'Carbon dioxide.'),
        column('o2', 'REAL', 'ppm', 'Oxygen.'),
        column('n2', 'REAL', 'ppm', 'Nitrogen.'),
      ],
    },
    {
      name: 'criticality',
      description:
        "The utility's criticality rating of each asset with outdoor equipment: how much it matters if it fails.",
      columns: [
        column('asset_id', 'TEXT', null, 'Asset rated; matches assets.asset_id.'),
        column('customers', 'INTEGER', null, 'Customers who lose supply if the asset fails.'),
        column(
          'criticality',
          'INTEGER',
          '1..5',
          'Consequence of failure on the utility scale: 5 station-wide outage or long repair, 1 minor.',
        ),
      ],
    },
  ],
};
