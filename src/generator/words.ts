/**
 * Word lists and the names built from them. Names that must be unique (topic
 * names, e-mail addresses) come from an injective function of the index, so
 * uniqueness holds without remembering the names already written.
 */
import { mix32 } from "./random.js";

const FIRST_NAMES = [
  "Ana",
  "Ben",
  "Chen",
  "Dara",
  "Elif",
  "Femi",
  "Gita",
  "Hugo",
  "Ines",
  "Jonas",
  "Kemi",
  "Lars",
  "Maya",
  "Nadia",
  "Omar",
  "Priya",
  "Quinn",
  "Rosa",
  "Sami",
  "Tariq",
  "Uma",
  "Vera",
  "Wei",
  "Ximena",
  "Yusuf",
  "Zara",
  "Amara",
  "Bruno",
  "Carmen",
  "Diego",
  "Esther",
  "Farid",
  "Grace",
  "Hana",
  "Ivan",
  "Joy",
  "Kofi",
  "Lina",
  "Mateo",
  "Noor",
  "Olga",
  "Pablo",
  "Rania",
  "Sofia",
  "Tomas",
  "Ursula",
  "Victor",
  "Wanjiru",
  "Yara",
  "Aisha",
  "Boris",
  "Chiara",
  "Dmitri",
  "Emeka",
  "Fatima",
  "Goran",
  "Helena",
  "Ibrahim",
  "Julia",
  "Kwame",
  "Leila",
  "Marco",
  "Nia",
  "Oscar",
];

const LAST_NAMES = [
  "Abebe",
  "Andersen",
  "Banda",
  "Barros",
  "Chowdhury",
  "Costa",
  "Dlamini",
  "Diallo",
  "Eriksen",
  "Esposito",
  "Fofana",
  "Fischer",
  "Garcia",
  "Gupta",
  "Haddad",
  "Hansen",
  "Ibrahim",
  "Ivanova",
  "Jensen",
  "Joshi",
  "Kamau",
  "Kowalski",
  "Lopez",
  "Lindqvist",
  "Mensah",
  "Moreau",
  "Nakamura",
  "Nguyen",
  "Okafor",
  "Olsen",
  "Pereira",
  "Petrov",
  "Quispe",
  "Rahman",
  "Rossi",
  "Ruiz",
  "Santos",
  "Schmidt",
  "Silva",
  "Sow",
  "Tanaka",
  "Traore",
  "Usman",
  "Varga",
  "Wang",
  "Weber",
  "Yilmaz",
  "Zhou",
  "Achieng",
  "Bakker",
  "Cruz",
  "Duarte",
  "Evans",
  "Ferreira",
  "Gomez",
  "Hoang",
  "Islam",
  "Jaramillo",
  "Kariuki",
  "Larsen",
  "Moyo",
  "Novak",
  "Otieno",
  "Park",
  "Rao",
  "Sato",
  "Torres",
  "Uddin",
  "Vasquez",
  "Wolde",
  "Yadav",
  "Zulu",
  "Ali",
  "Bianchi",
  "Chanda",
  "Dubois",
  "Ekström",
  "Flores",
  "Gashi",
  "Horvat",
  "Iyer",
  "Juarez",
  "Kaya",
  "Lungu",
  "Mwangi",
  "Nair",
  "Owusu",
  "Pham",
  "Ramos",
  "Sesay",
  "Tembo",
  "Ulloa",
  "Vargas",
  "Wright",
  "Yamamoto",
  "Zapata",
];

export const TITLES = [
  "Programme Officer",
  "Senior Advisor",
  "Technical Specialist",
  "Project Manager",
  "M&E Officer",
  "Field Coordinator",
  "Knowledge Manager",
  "Data Analyst",
  "Engineer",
  "Researcher",
  "Team Lead",
  "Country Director",
  "Finance Officer",
  "Trainer",
  "Community Mobiliser",
  "Logistics Officer",
];

const ROOT_TOPICS = [
  "Water, Sanitation and Hygiene",
  "Health",
  "Education",
  "Nutrition",
  "Agriculture and Food Security",
  "Energy",
  "Digital and Data",
  "Finance and Grants",
  "Governance",
  "Climate and Environment",
  "Logistics and Supply",
  "Protection",
  "Monitoring and Evaluation",
  "Project Management",
  "Knowledge Management",
  "People and Organisation",
  "Infrastructure",
  "Research and Innovation",
  "Livelihoods",
  "Emergency Response",
  "Partnerships",
  "Communication",
  "Law and Policy",
  "Urban Development",
];

const QUALIFIERS = [
  "Community",
  "Rural",
  "Urban",
  "Digital",
  "Applied",
  "Advanced",
  "Participatory",
  "Low-cost",
  "Integrated",
  "Remote",
  "Adaptive",
  "Data-driven",
  "Gender-responsive",
  "Climate-smart",
  "Emergency",
  "Preventive",
  "Operational",
  "Strategic",
  "Mobile",
  "Open-source",
  "Solar",
  "Sustainable",
  "Inclusive",
  "Decentralised",
  "Evidence-based",
  "Field",
  "School",
  "Household",
  "Cross-border",
  "Small-scale",
];

const SUBJECTS = [
  "water supply",
  "borehole drilling",
  "sanitation",
  "hygiene promotion",
  "nutrition screening",
  "cash transfers",
  "supply chains",
  "data systems",
  "health financing",
  "teacher training",
  "curriculum design",
  "irrigation",
  "crop insurance",
  "market analysis",
  "procurement",
  "risk assessment",
  "early warning",
  "GIS mapping",
  "survey design",
  "impact evaluation",
  "budgeting",
  "stakeholder engagement",
  "community mobilisation",
  "vaccine logistics",
  "maternal care",
  "mini-grids",
  "waste management",
  "housing",
  "road maintenance",
  "grievance mechanisms",
  "child protection",
  "legal aid",
  "microfinance",
  "knowledge capture",
  "peer learning",
  "facilitation",
  "change management",
  "software delivery",
  "cloud hosting",
  "cybersecurity",
];

const CONTEXTS = [
  "in fragile settings",
  "in urban areas",
  "for displaced people",
  "at scale",
  "in drylands",
  "for small islands",
  "in conflict zones",
  "for local government",
  "in coastal areas",
  "for schools",
];

const UNIT_AREAS = [
  "Water and Sanitation",
  "Health",
  "Education",
  "Nutrition",
  "Food Security",
  "Energy",
  "Digital Services",
  "Finance",
  "Governance",
  "Climate Resilience",
  "Logistics",
  "Protection",
  "Monitoring, Evaluation and Learning",
  "Programme Quality",
  "Knowledge and Learning",
  "Human Resources",
  "Infrastructure",
  "Research",
  "Livelihoods",
  "Emergencies",
];

const UNIT_REGIONS = ["Headquarters", "East Africa", "West Africa", "Asia", "Latin America", "Middle East"];

const GOALS = [
  "Universal access to safe water and sanitation",
  "End child wasting and stunting",
  "Every child in school and learning",
  "Evidence-informed programming",
  "Climate-resilient communities",
  "Affordable clean energy for all",
  "Strong local institutions",
  "Inclusive digital services",
  "Decent work and livelihoods",
  "Safe and protected children",
  "Resilient health systems",
  "Food security for smallholders",
  "Gender equality in programming",
  "Efficient and accountable operations",
  "Faster emergency response",
  "Learning organisation",
  "Sustainable cities",
  "Financial inclusion",
  "Clean and safe environment",
  "Reduced disaster losses",
  "Quality teaching",
  "Healthy mothers and newborns",
  "Open data by default",
  "Local partnerships first",
  "Cost-effective delivery",
  "Accountability to communities",
  "Innovation at scale",
  "Secure information systems",
  "Responsible supply chains",
  "Knowledge reused, not reinvented",
];

export const PLACES = [
  "Northern District",
  "Coastal Province",
  "the Highlands",
  "the Capital Region",
  "Lake Zone",
  "the Delta",
  "Eastern Corridor",
  "Western Plateau",
  "the Border Area",
  "Southern Valley",
  "River Basin",
  "Central Province",
];

/** Person i's name and e-mail; (first, last, round) is a bijection of i, so e-mails never repeat. */
export function personName(i: number, seed: number): { name: string; email: string } {
  const combos = FIRST_NAMES.length * LAST_NAMES.length;
  const round = Math.floor(i / combos);
  // 1,021 is prime and shares no factor with 64 × 96, so i → c is a bijection within a round.
  const c = ((i % combos) * 1021 + (mix32(seed) % combos)) % combos;
  const first = FIRST_NAMES[c % FIRST_NAMES.length]!;
  const last = LAST_NAMES[Math.floor(c / FIRST_NAMES.length)]!;
  const local = `${ascii(first)}.${ascii(last)}${round > 0 ? round + 1 : ""}`;
  return { name: `${first} ${last}`, email: `${local}@example.org` };
}

function ascii(word: string): string {
  return word
    .normalize("NFD")
    .replace(/[^A-Za-z-]/g, "")
    .toLowerCase();
}

/**
 * Topic names: the first `roots` topics name a domain; the others are
 * "qualifier subject [context]", an injective function of their index among
 * the non-root topics, so all names differ.
 */
export function topicName(t: number, roots: number): string {
  if (t < roots)
    return t < ROOT_TOPICS.length
      ? ROOT_TOPICS[t]!
      : `${ROOT_TOPICS[t % ROOT_TOPICS.length]} ${Math.floor(t / ROOT_TOPICS.length) + 1}`;
  const j = t - roots;
  const combos = QUALIFIERS.length * SUBJECTS.length;
  const round = Math.floor(j / combos);
  // 7 shares no factor with 30 × 40 = 1,200, so neighbours get unrelated names.
  const c = ((j % combos) * 7) % combos;
  const base = `${QUALIFIERS[c % QUALIFIERS.length]} ${SUBJECTS[Math.floor(c / QUALIFIERS.length)]}`;
  if (round === 0) return base;
  const context = CONTEXTS[(round - 1) % CONTEXTS.length];
  const lap = Math.floor((round - 1) / CONTEXTS.length);
  return `${base} ${context}${lap > 0 ? ` ${lap + 1}` : ""}`;
}

export function unitName(u: number, units: number): string {
  const area = UNIT_AREAS[u % UNIT_AREAS.length]!;
  if (units <= UNIT_AREAS.length) return area;
  return `${area} (${UNIT_REGIONS[Math.floor(u / UNIT_AREAS.length) % UNIT_REGIONS.length]})`;
}

export function goalName(g: number): string {
  return g < GOALS.length ? GOALS[g]! : `${GOALS[g % GOALS.length]} ${Math.floor(g / GOALS.length) + 1}`;
}

/**
 * "Solar water pumping" → "solar water pumping", for use inside a sentence;
 * names with other capitals ("Digital and Data", "GIS mapping") are kept.
 */
export function inSentence(name: string): string {
  return /^[A-Z][^A-Z]*$/.test(name) ? name[0]!.toLowerCase() + name.slice(1) : name;
}
