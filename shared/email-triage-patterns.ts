/** Words that may stand between "data" and "bocor"/"leaked": any but a denial ("data tidak bocor"). */
const W = "(?!(?:tidak|tak|bukan|belum|not|never|no)\\b)[\\w'’-]+\\s+";

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
  /\b(?:suspect(?:ed)?|possible|potential)\s+(?:a\s+)?(?:data\s+|security\s+)?breach\b/,
  /\b(?:got|broke|hacked)\s+into\s+(?:our|my|the)\b/,
  /\bleaked\b/,
  /\bbreach\b(?!\s+of\s+(?:the\s+|our\s+|your\s+|an?\s+)?(?:sla|contract|agreement|terms))/,
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
];

const DOWN_SUBJECT =
  '(?:is|are|was|went|has\\s+been|goes|still|sedang|lagi|masih|sudah|sistem|aplikasi|server|website|situs|layanan|service|platform|app|site|kinobi)';

/** Wording that reports the whole service unavailable, guide section 4's severity 1. */
export const OUTAGE: RegExp[] = [
  /\btidak\s+(?:bisa|dapat)\s+(?:diakses|dibuka)\s+sama\s+sekali\b/,
  /\bsama\s+sekali\s+tidak\s+(?:bisa|dapat)\s+(?:diakses|dibuka|login|masuk)\b/,
  /\b(?:semua|seluruh)\s+(?:pengguna|user|agen|karyawan|staf|tim)\b[^.\n]{0,60}\btidak\s+(?:bisa|dapat)\b/,
  /\bsemua\s+layanan\b[^.\n]{0,40}\btidak\s+(?:bisa|dapat)\b/,
  /\b(?:operasional|layanan|sistem)\s+(?:\w+\s+)?lumpuh\b/,
  /\btidak\s+ada\s+(?:satu\s+pun\s+)?(?:pengguna|user)\s+yang\s+(?:bisa|dapat)\b/,
  /\blayanan\s+(?:mati|terputus)\s+total\b/,
  /\bservice\s+unavailable\b/,
  /\btotal\s+outage\b/,
  /\b(?:all|none\s+of\s+(?:our|the))\s+users\b[^.\n]{0,60}\b(?:cannot|can't|can\s+not|unable)\b/,
  /\bnone\s+of\s+(?:our|the)\s+(?:users|agents|staff)\s+can\b/,
  /\btidak\s+(?:ada\s+yang\s+)?(?:bisa|dapat)\s+(?:\w+\s+){0,2}sama\s+sekali\b/,
  /\b(?:can't|cannot|can\s+not|unable\s+to)\s+(?:reach|access|open|use|load)\s+(?:\w+\s+){0,2}at\s+all\b/,
  /\bnobody\s+can\s+(?:log\s*in|access|reach|use)\b/,
  /\b(?:entire|whole)\s+(?:service|platform|app|application|system)\b[^.\n]{0,40}\b(?:unreachable|unavailable|down)\b/,
  new RegExp(`\\b${DOWN_SUBJECT}\\s+(?:completely\\s+|totally\\s+|benar-benar\\s+|total\\s+)?down\\b`),
];

/** Denials of a workaround ("tidak ada solusi sementara", "no workaround"), removed before looking for one. */
export const NO_WORKAROUND: RegExp[] = [
  /\b(?:tidak\s+ada|tanpa|belum\s+ada)\s+(?:solusi\s+sementara|workaround|cara\s+lain)\b/g,
  /\b(?:no|without(?:\s+a)?|not\s+any)\s+(?:known\s+)?workaround\b/g,
];

/** Wording that names a workaround. */
export const WORKAROUND: RegExp[] = [/\bsolusi\s+sementara\b/, /\bworkaround\b/, /\bcara\s+lain\b/];
