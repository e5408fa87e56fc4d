// Risk register: a "Print" button on printable pages. Without JavaScript the button stays hidden
// and the browser's own print command gives the same A4 layout.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-risk-print]").forEach(function (button) {
    button.classList.remove("d-none");
    button.addEventListener("click", function () { window.print(); });
  });
});
