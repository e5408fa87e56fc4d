// Policies: a Print button for readers with JavaScript; without it, the browser's own Print does the same.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll(".policy-print").forEach(function (button) {
    button.classList.remove("d-none");
    button.addEventListener("click", function () { window.print(); });
  });
});
