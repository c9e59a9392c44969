// The host application's side of the embed: the stub queue (calls made before widget.js has
// loaded are queued and replayed by it), then who the user is and what they are using.
// userHash = HMAC-SHA256 hex of userId with the tenant's identity secret; a real host computes
// it on its server. The demo build fills it in (scripts/build-demo.mjs).
((w) => {
  w.KinobiSupport = w.KinobiSupport || { q: [] };
  const k = w.KinobiSupport;
  for (const m of ['open', 'close', 'identify', 'setContext', 'on']) {
    k[m] = k[m] || ((...args) => k.q.push([m, ...args]));
  }
  k.identify({
    userId: '__DEMO_USER_ID__',
    userHash: '__DEMO_USER_HASH__',
    name: 'Ayu Lestari',
    email: 'it@demo.example',
  });
  k.setContext({
    appVersion: '2026.11.3',
    account: 'PT Demo Nusantara',
    deployment: 'production',
    features: { beta: ['agent-builder'] },
  });
  // The widget tells the host when a ticket was created.
  k.on('submitted', (ticket) => {
    document.documentElement.setAttribute('data-last-ticket', String(ticket?.number));
  });
  document.addEventListener('DOMContentLoaded', () => {
    document.getElementById('open-help')?.addEventListener('click', () => w.KinobiSupport.open());
  });
})(window);
