/** The demo utility's people: four teams, a manager each, fifteen learners each. */

export interface DemoPerson {
  name: string;
  title: string;
}

export interface DemoTeam {
  slug: string;
  name: string;
  kind: 'it' | 'ot';
  manager: DemoPerson;
  learners: DemoPerson[];
}

export const DEMO_EMAIL_DOMAIN = 'demo-utility.example';

export const DEMO_TEAMS: DemoTeam[] = [
  {
    slug: 'substation-maintenance',
    name: 'Substation Maintenance',
    kind: 'ot',
    manager: { name: 'Marguerite Okonkwo', title: 'Substation maintenance superintendent' },
    learners: [
      { name: 'Dale Hutchins', title: 'Senior substation electrician' },
      { name: 'Priya Raman', title: 'Protection and control technician' },
      { name: 'José Álvarez', title: 'Substation technician' },
      { name: 'Kerry-Ann Walsh', title: 'Relay test technician' },
      { name: 'Tomasz Wiśniewski', title: 'Substation technician' },
      { name: 'Bongani Dlamini', title: 'Apprentice electrician' },
      { name: 'Hannah Lindqvist', title: 'Maintenance planner' },
      { name: "Connor O'Sullivan", title: 'Transformer specialist' },
      { name: 'Aiyana Runningwater', title: 'Substation technician' },
      { name: 'Mehmet Yılmaz', title: 'Protection and control technician' },
      { name: 'Grace Mensah', title: 'Apprentice electrician' },
      { name: 'Ruairí Byrne', title: 'Senior relay technician' },
      { name: 'Linh Tran', title: 'Substation technician' },
      { name: 'Samuel Adeyemi', title: 'Battery and DC systems technician' },
      { name: 'Ines Carvalho', title: 'Field engineer' },
    ],
  },
  {
    slug: 'grid-operations',
    name: 'Grid Operations',
    kind: 'ot',
    manager: { name: 'Victor Haddad', title: 'Control room manager' },
    learners: [
      { name: 'Rebecca Stone', title: 'Transmission system operator' },
      { name: 'Arjun Mehta', title: 'Distribution dispatcher' },
      { name: 'Søren Kristiansen', title: 'Shift supervisor' },
      { name: 'Maria Petrova', title: 'Outage coordinator' },
      { name: 'Darnell Brooks', title: 'Distribution dispatcher' },
      { name: 'Yuki Tanaka', title: 'SCADA engineer' },
      { name: 'Fatima Al-Sayed', title: 'Transmission system operator' },
      { name: 'Liam Gallagher', title: 'Operations engineer' },
      { name: 'Chidi Okeke', title: 'Distribution dispatcher' },
      { name: 'Elena Rossi', title: 'Energy management system analyst' },
      { name: 'Ngọc Anh Phạm', title: 'Transmission system operator' },
      { name: 'Patrick Nwosu', title: 'Switching coordinator' },
      { name: 'Zoë Fairbanks', title: 'Trainee operator' },
      { name: 'Gustavo Pereira', title: 'Reliability coordinator liaison' },
      { name: 'Anneke de Vries', title: 'Distribution dispatcher' },
    ],
  },
  {
    slug: 'enterprise-it',
    name: 'Enterprise IT',
    kind: 'it',
    manager: { name: 'Catherine Lowe', title: 'Head of infrastructure' },
    learners: [
      { name: 'Ben Okafor', title: 'Network engineer' },
      { name: 'Sofia Lindström', title: 'Cloud engineer' },
      { name: 'Rahul Iyer', title: 'Data engineer' },
      { name: 'Megan Kowalczyk', title: 'Systems administrator' },
      { name: 'Jamal Carter', title: 'Database administrator' },
      { name: 'Chloé Dubois', title: 'Software developer' },
      { name: 'Owen Price', title: 'Service desk analyst' },
      { name: 'Mei Chen', title: 'Data engineer' },
      { name: 'Lukas Becker', title: 'Network engineer' },
      { name: 'Aisha Bello', title: 'Integration developer' },
      { name: 'Diego Fernández', title: 'Cloud engineer' },
      { name: 'Hiroshi Sato', title: 'Storage administrator' },
      { name: 'Nadia Haddad', title: 'Business intelligence analyst' },
      { name: 'Ryan McAllister', title: 'Systems administrator' },
      { name: 'Łucja Nowak', title: 'Software developer' },
    ],
  },
  {
    slug: 'cyber-security',
    name: 'Cyber Security',
    kind: 'it',
    manager: { name: 'Olusegun Bakare', title: 'Chief information security officer' },
    learners: [
      { name: 'Emily Zhang', title: 'Security operations analyst' },
      { name: 'Marcus Webb', title: 'Security engineer' },
      { name: 'Amara Nwachukwu', title: 'Incident responder' },
      { name: 'Kenji Watanabe', title: 'OT security engineer' },
      { name: 'Sarah Goldberg', title: 'Governance, risk and compliance analyst' },
      { name: 'Mateus Oliveira', title: 'Penetration tester' },
      { name: 'Freya Johansson', title: 'Identity and access analyst' },
      { name: 'Tariq Hussain', title: 'Security operations analyst' },
      { name: 'Isabelle Moreau', title: 'CIP compliance specialist' },
      { name: 'Daniel Kim', title: 'Threat intelligence analyst' },
      { name: 'Olivia Bennett', title: 'Security engineer' },
      { name: 'Rajesh Nair', title: 'Vulnerability management analyst' },
      { name: 'Beatriz Santos', title: 'Security architect' },
      { name: 'Kwame Asante', title: 'Security operations analyst' },
      { name: 'Niamh Doyle', title: 'Incident responder' },
    ],
  },
];

/** first.last@domain, without accents or punctuation ("Łucja Nowak" -> lucja.nowak). */
export function demoEmail(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[Łł]/g, 'l')
    .replace(/[Øø]/g, 'o')
    .replace(/[Đđ]/g, 'd')
    .toLowerCase();
  const parts = ascii.split(/\s+/).map((part) => part.replace(/[^a-z]/g, ''));
  return `${[parts[0], parts.slice(1).join('')].filter(Boolean).join('.')}@${DEMO_EMAIL_DOMAIN}`;
}
