import { before, near, nearSource } from './text-near';

/**
 * Wording that reports the whole service (or a critical function) unavailable, guide section 4's
 * severity 1. Besides fixed phrases, the structure an outage report has in either language: an
 * outage word ("mati", "tidak bisa dibuka", "not loading", "502") near a scope word ("semua
 * pengguna", "sama sekali", "everyone", "every agent", "at all"). A partial report ("satu agen
 * tidak bisa login", "export times out") has the outage word without the scope.
 */

const DOWN_SUBJECT =
  '(?:is|are|was|went|has\\s+been|goes|still|sedang|lagi|masih|sudah|sistem|aplikasi|server|website|situs|layanan|service|platform|app|site|kinobi)';

/** Indonesian "cannot", formal and informal. */
const CANNOT_ID = '(?:tidak|tak|gak|ga|nggak|ngga|enggak|gk|tdk)\\s+(?:bisa|dapat|bs)';

/** Verbs that make "down" mean something else ("shut down", "scroll down", "slow down"). */
const PHRASAL =
  '(?<!\\b(?:shut|shutting|shuts|turn|turned|turning|slow|slowed|slowing|scroll|scrolled|scrolling|drop|break|broke|step|count|write|narrow|track|cut|put|set|sit|lay|pin|tone|wind|hand|pass|let|take|top|upside)[-\\s]+)';

/** An outage word: the service, a page or a function does not work at all for whoever says it. */
const OUTAGE_WORD = [
  `${CANNOT_ID}\\s+(?:di)?(?:buka|akses|pakai|pake|gunakan|login|log\\s*in|masuk|load|muat|kerja|bekerja|jalan|connect|terhubung)`,
  '(?:mati|lumpuh|offline|crash(?:es|ed|ing)?|force\\s+close)',
  `${PHRASAL}down(?![-\\s]+(?:arrow|payment|menu|list|button)\\b)`,
  "(?:can't|cannot|can\\s+not|unable\\s+to|couldn't|could\\s+not|won't|will\\s+not|doesn't|does\\s+not|do\\s+not|don't)\\s+(?:even\\s+)?(?:load|log\\s*in|login|sign\\s*in|access|open|reach|use|connect|work)",
  'not\\s+(?:loading|working|accessible|reachable|available)',
  'fail(?:s|ed|ing)?\\s+to\\s+(?:load|open|connect)',
  '(?:unreachable|unavailable|inaccessible|outage)',
  '(?:error|errors|http|status|kode|code)\\s*:?\\s*5\\d\\d',
  '50[0234]\\s+(?:error|errors|internal|bad\\s+gateway|service|gateway)',
  '50[234]',
  '(?:halaman|layar)\\s+(?:\\w+\\s+)?(?:putih|kosong)|(?:blank|white)\\s+(?:page|screen)|(?:page|screen)\\s+(?:is\\s+|stays\\s+)?blank',
  'timed?\\s*out|times\\s+out',
].join('|');

/** A scope word: everyone, every place, or everything. */
const SCOPE_WORD = [
  '(?:semua|seluruh|segala)\\s+(?:\\w+\\s+)?(?:pengguna|user|users|agen|agent|staf|staff|karyawan|tim|akun|orang|cabang|kantor|jaringan|perangkat|device|browser|halaman|region|lokasi)',
  'semuanya|siapa\\s*pun|satu\\s+pun|seluruhnya',
  '(?:all|every|each)\\s+(?!other\\b)(?:of\\s+(?:our|the|my)\\s+)?(?:\\w+\\s+)?(?:users?|agents?|staff|employees?|accounts?|pages?|devices?|browsers?|networks?|regions?|offices?|locations?|requests?|endpoints?|members?|people)',
  // not "anyone"/"anybody" ("can anyone help?") nor "everything" ("everything was fine until…"), nor
  // "nobody else" ("nobody else has this": one user's trouble)
  '(?:everyone|everybody|nobody|no\\s+one)(?!\\s+else\\b)',
  '(?:entire|whole)\\s+(?:team|company|office|organi[sz]ation|service|app|application|platform|system|site)',
  'company-wide',
].join('|');

/** "At all", "sama sekali": total only when said of the service, not of a button ("export does not work at all"). */
const INTENSIFIER = 'sama\\s+sekali|at\\s+all|completely|totally|entirely|sepenuhnya';
/** The service as a whole, or a part without which nobody works. */
const SERVICE =
  'kinobi|aplikasi|app|application|dashboard|dasbor|sistem|system|platform|site|website|situs|web|layanan|service|server|api|portal|login|console|konsol|workspace|widget';

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
  /\bnobody\s+can\s+(?:log\s*in|access|reach|use)\b/,
  /\b(?:entire|whole)\s+(?:service|platform|app|application|system)\b[^.\n]{0,40}\b(?:unreachable|unavailable|down)\b/,
  new RegExp(`\\b${DOWN_SUBJECT}\\s+(?:completely\\s+|totally\\s+|benar-benar\\s+|total\\s+)?down\\b`),
  // Structure: nobody can work, "mati total", a full outage, an outage word near a scope word.
  before(
    `(?:tidak|tak|gak|nggak|enggak)\\s+ada\\s+(?:satu\\s+pun\\s+)?(?:\\w+\\s+){0,2}(?:yang|yg)\\s+(?:bisa|dapat)`,
    '(?:bekerja|kerja|login|masuk|mengakses|akses|membuka|buka|memakai|pakai|menggunakan)',
    20,
  ),
  /\b(?:nobody|no\s+one|none\s+of\s+(?:us|our\s+\w+|the\s+\w+))\s+(?:\w+\s+){0,2}(?:can|could|is\s+able\s+to)\s+(?:\w+\s+)?(?:log\s*in|login|sign\s*in|access|reach|use|work|open|load)\b/,
  /\b(?:mati|down|lumpuh|offline|error)\s+total\b|\btotal\s+(?:mati|down|lumpuh)\b/,
  /\b(?:full|complete|total|major|widespread|global)\s+outage\b/,
  near(OUTAGE_WORD, SCOPE_WORD),
  before(SERVICE, nearSource(OUTAGE_WORD, INTENSIFIER, 30), 40),
];

/** A word that is not a denial ("sudah tidak bisa" is not "sudah bisa"). */
const NOT_DENIAL = '(?!(?:tidak|tak|gak|nggak|belum|not|never)\\b)';

/** Wording that says an outage is over ("sudah pulih", "is fixed"): a sentence holding it reports nothing. */
export const RESOLVED = new RegExp(
  [
    `\\b(?:sudah|telah|sdh)\\s+(?:${NOT_DENIAL}\\w+\\s+)?(?:beres|normal|pulih|teratasi|selesai|diperbaiki|bisa|aman|oke|ok|kembali)\\b`,
    '\\bkembali\\s+normal\\b',
    `\\b(?:is|was|been|are|were|got)\\s+(?:${NOT_DENIAL}\\w+\\s+)?(?:fixed|resolved|restored|solved)\\b`,
    '\\bback\\s+(?:up|online|to\\s+normal)\\b',
    '\\bworking\\s+again\\b',
  ].join('|'),
);

/** Denials of a workaround ("tidak ada solusi sementara", "no workaround"), removed before looking for one. */
export const NO_WORKAROUND: RegExp[] = [
  /\b(?:tidak\s+ada|tanpa|belum\s+ada)\s+(?:solusi\s+sementara|workaround|cara\s+lain)\b/g,
  /\b(?:no|without(?:\s+a)?|not\s+any)\s+(?:known\s+)?workaround\b/g,
];

/** Wording that names a workaround. */
export const WORKAROUND: RegExp[] = [
  /\bsolusi\s+sementara\b/,
  /\bworkaround\b/,
  /\bcara\s+lain\b/,
  /\bsementara\s+(?:ini\s+)?(?:kami|kita|agen|tim|pakai|memakai|lewat|via|menggunakan)\b/,
  /\b(?:stop-?gap|in\s+the\s+meantime)\b/,
  /\bfor\s+now\s+(?:we|our|agents|users)\b/,
  /\bwork(?:ing)?\s+around\s+(?:it|this)\b/,
];
