// Demo only: switch the signed-in user between organisations of the desk. A real host signs the
// identity token on its own server with the desk's identity secret; here the worker's
// development-only route GET /v1/dev/identity-token (404 in production) signs it instead.
((w) => {
  const USERS = {
    demo: { org: 'demo', sub: 'usr_demo_ayu', email: 'it@demo.example', name: 'Ayu Lestari' },
    premium: { org: 'premium', sub: 'usr_premium_rina', email: 'it@premium.example', name: 'Rina Wijaya' },
  };
  const WORKSPACE = { demo: 'PT Demo Nusantara', premium: 'PT Contoh Premium', anonymous: '(not signed in)' };
  const key = () => document.querySelector('script[data-key]')?.getAttribute('data-key') ?? '';

  async function switchTo(who) {
    const root = document.documentElement;
    root.removeAttribute('data-demo-user');
    const user = USERS[who];
    let identity = {};
    if (user) {
      const q = new URLSearchParams({ key: key(), ...user });
      const res = await fetch(`/v1/dev/identity-token?${q}`);
      if (!res.ok) throw new Error(`identity token: ${res.status}`);
      identity = { token: (await res.json()).token };
    }
    w.KinobiSupport.identify(identity);
    const workspace = document.getElementById('workspace-name');
    if (workspace) workspace.textContent = WORKSPACE[who];
    root.setAttribute('data-demo-user', who); // the browser tests wait for this
  }

  document.addEventListener('DOMContentLoaded', () => {
    // The page opens signed in as the checked user (a signed token, so the email is verified and
    // checked against the organisation's authorised contacts; the legacy userHash set by
    // kinobi-embed.js verifies the user id only).
    const checked = document.querySelector('input[name="demo-user"]:checked');
    if (checked) void switchTo(checked.value);
    for (const input of document.querySelectorAll('input[name="demo-user"]')) {
      input.addEventListener('change', () => {
        if (input.checked) void switchTo(input.value);
      });
    }
  });
})(window);
