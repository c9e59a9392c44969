import { before, near } from './text-near';

/**
 * Security-incident wording by structure (guide section 11), for the kinds of report that fixed
 * phrases miss: an account used by someone else, an intrusion, phishing or impersonation, a
 * credential made public, a stolen device with a live session, a hijacked session, data open
 * without login or to another company, an attack. Each joins a thing and what happened to it
 * within one sentence with no denial between ("the api key was not leaked" reports nothing).
 */

/** Secrets that open an account or the API. */
const CREDENTIAL =
  'api\\s*keys?|api\\s+(?:secret|token)s?|kunci\\s+api|token(?:\\s+api)?s?|kredensial|credentials?|passwords?|kata\\s+sandi|secrets?|client\\s+secret|access\\s+keys?|private\\s+keys?';
/** What makes a secret public or takes it, by itself. */
const EXPOSED = 'bocor|tersebar|terekspos|dicuri|tercuri|leaked|stolen|exposed';
/** What makes a secret public only when a public place follows ("pasted the key into settings" does not). */
const PUBLISHED =
  'ter-?commit|ke-?commit|di-?commit|commit|ter-?push|ke-?push|di-?push|push|ter-?upload|ke-?upload|di-?upload|upload|terunggah|diunggah|committed|pushed|pasted|posted|uploaded|published|checked\\s+in';
const PUBLIC_PLACE =
  'publik|public|publicly|github|gitlab|bitbucket|pastebin|stack\\s*overflow|forum|internet';
/** Phones and computers. */
const DEVICE =
  'hp|handphone|ponsel|laptop|komputer|pc|tablet|ipad|iphone|perangkat|device|phone|mobile|computer|notebook|macbook';
/** A session still open. */
const LIVE_SESSION =
  '(?:login|log\\s+in|logged\\s+in|signed\\s+in|masuk|sesi|sessions?|masih\\s+terbuka|still\\s+open)';
/** A device taken or lost ("HP … dicuri", "laptop was stolen", "lost my phone"; not "notifikasi di HP hilang"). */
const STOLEN_DEVICE = [
  before(`(?<!\\bdi\\s+)(?:${DEVICE})`, 'dicuri|dicopet|dirampok|kecurian|hilang', 40).source,
  before(`(?:${DEVICE})`, '(?:was|got|been|were)\\s+(?:stolen|lost)|stolen|went\\s+missing', 40).source,
  `\\b(?:lost|stole)\\s+(?:my|our|his|her|their)\\s+(?:\\w+\\s+)?(?:${DEVICE})\\b`,
].join('|');
/**
 * A live session within 300 characters before or after a stolen device: checked only after the
 * device matched (a lookaround at every position would make a long mail quadratic).
 */
const withSessionNear = (device: string) =>
  `(?:${device})(?:(?=[\\s\\S]{0,300}\\b${LIVE_SESSION}\\b)|(?<=\\b${LIVE_SESSION}\\b[\\s\\S]{0,300}))`;
/** Company data another organisation should never see. */
const DATA_EN =
  'tickets?|data|chats?|messages?|conversations?|contacts?|files?|attachments?|records?|customers?';
const DATA_ID = 'tiket|data|riwayat|chat|percakapan|pesan|kontak|lampiran|file';
const OTHER_EN =
  '(?:another|other|a\\s+different)\\s+(?:company|companies|customer|tenant|organi[sz]ation|client)';
const OTHER_ID = '(?:perusahaan|organisasi|tenant|klien|pelanggan)\\s+lain';

/** Structured security-incident patterns, tried after the fixed phrases. */
export const STRUCTURED: RegExp[] = [
  // Someone else uses an account.
  /\b(?:akun|account)\b[^.!?\n]{0,40}\b(?:dipakai|dipake|digunakan|diakses|dibuka)\s+(?:oleh\s+)?orang\s+lain\b/,
  /\bada\s+(?:orang\s+)?(?:yang|yg)\s+(?:login|masuk|mengakses|akses)\s+(?:pakai|pake|memakai|menggunakan|dengan|ke)\s+akun\b/,
  /\b(?:perubahan|diubah|diganti|ditambahkan|dihapus)\b[^.!?\n]{0,40}\bbukan\s+(?:dari|oleh)\s+(?:tim\s+|pihak\s+|staf\s+)?kami\b/,
  /\bsomeone\s+(?:else\s+)?(?:has\s+)?(?:accessed|logged\s+in(?:to)?|signed\s+in(?:to)?|got\s+into)\b/,
  /\bsomeone\s+(?:else\s+)?(?:is\s+using|used|has\s+used)\s+(?:our|my|the|an?)\s+(?:\w+\s+)?(?:account|login|credentials|workspace)\b/,
  near('deactivated\\s+(?:account|user)', 'accessed|logged\\s+in|signed\\s+in|used|using', 40),
  /\bnone\s+of\s+us\s+(?:created|added|invited|made)\b/,
  /\bwe\s+(?:did\s+not|didn't|never)\s+authori[sz]e\b/,
  /\b(?:unknown|unrecogni[sz]ed)\s+(?:admin|administrator|owner|logins?|sign-?ins?)\b/,
  before(
    'logins?|log-?ins|sign-?ins?|logged\\s+in|signed\\s+in|accessed',
    '(?:from\\s+)?(?:an?\\s+)?(?:unknown|foreign|unrecogni[sz]ed|unfamiliar|strange)\\s+(?:ip|location|country|device)|ip\\s+in\\s+another\\s+country',
    50,
  ),
  before(
    'login|masuk|akses',
    '(?:ip|lokasi|negara|perangkat)\\s+(?:asing|luar\\s+negeri|tidak\\s+dikenal|tak\\s+dikenal)',
    50,
  ),
  // Intrusion and attacks.
  /\b(?:penyusupan|menyusup|susupan)\b/,
  /\bcyber\s*-?attacks?\b|\bunder\s+(?:a\s+)?(?:cyber\s*)?attack\b|\bbeing\s+attacked\b|\bddos\b/,
  /\b(?:serangan|diserang)\b/,
  /(?<!\b(?:anti-|scan\s+|pindai\s+))\bvirus\b(?![-\s]+(?:scan|scanning|check)\b)|\btrojan\b|\bspyware\b/,
  // Phishing and impersonation.
  /\b(?:email|e-mail|surel|pesan|sms|whatsapp|wa|link|tautan|situs|website|halaman)\s+(?:\w+\s+)?(?:palsu|tiruan|penipuan)\b/,
  /\b(?:ngaku|mengaku|menyamar|meniru|memalsukan|mencatut)\b[^.!?\n]{0,30}\bkinobi\b/,
  /\bpenipu(?:an)?\b|\bfraudsters?\b|\bfraudulent\b|\bscam(?:mers?|s)?\b/,
  /\b(?:copies|copying|mimics?|mimicking|imitat\w+)\s+(?:your|kinobi)\b/,
  /\bfake\s+(?:login|sign-?in|kinobi|support)\b/,
  // A credential made public or taken.
  near(CREDENTIAL, EXPOSED, 60),
  near(CREDENTIAL, `(?:${PUBLISHED})\\b[^.!?\\n]{0,60}\\b(?:${PUBLIC_PLACE})`, 60),
  before(`(?:${PUBLISHED})`, `(?:${CREDENTIAL})\\b[^.!?\\n]{0,60}\\b(?:${PUBLIC_PLACE})`, 30),
  // A stolen or lost device, with a session still open.
  new RegExp(withSessionNear(STOLEN_DEVICE)),
  // A hijacked session.
  /\b(?:session|sesi)\s+(?:hijack\w*|dibajak|dicuri|stolen)\b|\bhijack(?:ed|ing)?\b|\bdibajak\b/,
  /\blogged\s+in\s+from\s+two\s+(?:different\s+)?(?:countries|locations|places)\b|\blogin\s+dari\s+dua\s+negara\b/,
  // Data open without login, or to another company.
  near(
    'reachable|accessible|accessed|opened|viewable|visible|viewed|diakses|dibuka|dilihat|terlihat|diunduh',
    '(?:tanpa|without)\\s+(?:perlu\\s+)?(?:login|log(?:ging)?\\s*in|masuk|sign(?:ing)?\\s*in|authenticat\\w+|autentikasi)',
    40,
  ),
  /\banyone\s+with\s+the\s+(?:link|url)\s+can\b/,
  before(
    'see|seeing|saw|view|viewing|access|accessing|shown|showing|visible',
    `${OTHER_EN}(?:'s|’s|s'|s)?\\s+(?:\\w+\\s+)?(?:${DATA_EN})`,
    30,
  ),
  before(
    `${DATA_EN}`,
    `(?:visible|shown|showing|appear\\w*|accessible)\\s+(?:to|for|in)\\s+(?:users?\\s+(?:of|from|at)\\s+)?${OTHER_EN}`,
    40,
  ),
  before(
    `${DATA_ID}`,
    `(?:dilihat|terlihat|diakses|dibuka|muncul|tampil)\\b[^.!?\\n]{0,40}\\b${OTHER_ID}`,
    60,
  ),
  before('melihat|lihat|mengakses|akses', `(?:${DATA_ID})\\s+(?:\\w+\\s+)?(?:milik\\s+)?${OTHER_ID}`, 10),
];
