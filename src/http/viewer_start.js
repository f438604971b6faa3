// Starts OpenSeadragon on the page's viewer element. It is a file of its own, served like
// OpenSeadragon itself, so that the page's Content-Security-Policy can forbid inline scripts.
const element = document.getElementById("viewer");
// deno-lint-ignore no-undef
OpenSeadragon({
  element,
  tileSources: element.dataset.infoUrl,
  prefixUrl: element.dataset.prefixUrl,
});
