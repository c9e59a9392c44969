// Demo host page toggles, read before the widget runs (a synchronous script in <head>):
// ?lang=en|id sets the page language the widget follows; ?hostile=1 adds hostile global CSS
// for the style-isolation test.
(() => {
  const params = new URLSearchParams(location.search);
  const lang = params.get('lang');
  if (lang === 'en' || lang === 'id') document.documentElement.lang = lang;
  if (params.get('hostile') === '1') {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = '/hostile.css';
    document.head.appendChild(link);
  }
})();
