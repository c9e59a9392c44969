import { STRUCTURED } from './email-triage-security';

/** Words that may stand between "data" and "bocor"/"leaked": any but a denial ("data tidak bocor"). */
const W = "(?!(?:tidak|tak|bukan|belum|not|never|no)\\b)[\\w'’-]+\\s+";

/** Contract and SLA words: a "breach" in their sentence is a legal term, not an incident. */
const LEGAL = '(?:contract|contractual|sla|slas|agreement|msa|terms|clause|kontrak|perjanjian|pasal|klausul)';
const LEGAL_BEFORE = `\\b${LEGAL}\\b[^.!?\\n]{0,200}`;
const LEGAL_AFTER = `[^.!?\\n]{0,200}\\b${LEGAL}\\b|\\s+(?:clause|notice|report|reports|penalt\\w+|targets?)\\b`;

/** Wording that reports a (suspected) security incident, guide section 11. */
export const SECURITY: RegExp[] = [
  // Indonesian
  /\bkebocoran\s+data\b/,
  new RegExp(`\\bdata\\s+(?:${W}){0,2}(?:bocor|dicuri|diretas|tercuri)\\b`),
  /\b(?:di|ter)retas\b/,
  /\b(?:peretas(?:an)?|meretas)\b/,
  /\bhackers?\b/,
  /\bbocor\b/,
  /\b(?:data|nomor|alamat|informasi|email)\b[^.\n]{0,40}\btersebar\b/,
  /\bdisalahgunakan\b/,
  /\bdibobol\b/,
  /\bpembobolan\b/,
  /\bakses\s+(?:tidak\s+sah|tanpa\s+izin|ilegal)\b/,
  /\binsiden\s+keamanan\b/,
  /\bpelanggaran\s+(?:data|keamanan)\b/,
  /\bakun\s+(?:\w+\s+)?(?:diambil\s+alih|dibajak)\b/,
  /\b(?:login|aktivitas|akses)\s+(?:yang\s+)?mencurigakan\b/,
  /\b(?:mengatasnamakan|mengaku\s+(?:dari\s+)?|atas\s+nama\s+)kinobi\b/,
  /\b(?:kena|terkena|di-?|ke-?)\s?hack\b/,
  /\bserangan\s+(?:siber|hacker|peretas)\b/,
  /\bpencurian\s+(?:data|akun|identitas)\b/,
  /\bterekspos\b/,
  /\b(?:masuk|login|mengakses)\s+(?:ke\s+)?(?:\w+\s+){0,3}tanpa\s+izin\b/,
  /\b(?:kebobolan|disusupi|penyusup)\b/,
  new RegExp(
    `\\b(?:api\\s*key|token|kredensial|password)\\s+(?:${W}){0,3}(?:bocor|tersebar|ter-?commit|terekspos)\\b`,
  ),
  // English
  /\bdata\s+breach\b/,
  /\bsecurity\s+(?:breach|incident)\b/,
  /\bhacked\b(?!\s+(?:together|up)\b)/,
  /\bunauthori[sz]ed\s+access\b/,
  /\baccount\s+takeover\b/,
  new RegExp(
    `\\b(?:data|credentials?|passwords?|api\\s+keys?|tokens?|secrets?)\\s+(?:${W})?(?:leaked|stolen|exposed)\\b`,
  ),
  /\bcompromised\b/,
  new RegExp(
    `\\b(?:suspect(?:ed)?|possible|potential)\\s+(?:a\\s+)?(?:data\\s+|security\\s+)?breach\\b(?!${LEGAL_AFTER})`,
  ),
  /\b(?:got|broke|hacked)\s+into\s+(?:our|my|the)\b/,
  /\bleaked\b/,
  // "breach" alone, unless its sentence is about a contract or an SLA ("breach of contract clause").
  new RegExp(`(?<!${LEGAL_BEFORE})\\bbreach\\b(?!${LEGAL_AFTER})`),
  /\battackers?\b/,
  /\bspoof(?:ed|ing)\b/,
  /\bkeyloggers?\b/,
  /\b(?:ex-?employee|former\s+(?:employee|staff))\b[^.\n]{0,40}\b(?:access|logged)\b/,
  /\b(?:data|records?|tickets?|files?|reports?)\b[^.\n]{0,40}\bpublicly\s+(?:accessible|visible|exposed)\b/,
  /\bexfiltrat\w*/,
  /\b(?:intrusion|intruders?)\b/,
  /\bfake\s+kinobi\b/,
  /\bsuspicious\s+(?:login|sign[-\s]?in|activity)\b/,
  /\b(?:impersonat\w*|pretending\s+to\s+be)\s+(?:from\s+)?kinobi\b/,
  /\bbelongs?\s+to\s+(?:a\s+)?(?:different|another)\s+(?:company|customer|tenant|organi[sz]ation)\b/,
  // Either language
  /\bphis(?:h)?ing\b(?![-\s](?:awareness|training|simulation|simulasi|pelatihan)\b)/,
  /\bransomware\b/,
  /\bmalware\b/,
  /\bbrute[-\s]?force\b/,
  /\bcredential\s+stuffing\b/,
  ...STRUCTURED,
];
