// Asset register: small conveniences; every page works without them.
(function () {
  "use strict";

  // Print buttons on handover forms and label sheets.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });

  // Forms that choose one of several targets (person / department / location ...): show only the chosen field.
  var groups = { holder_kind: { person: "user", department: "department", location: "location" },
                 recipient_kind: { person: "user", department: "department", asset: "asset" },
                 target_kind: { person: "user", asset: "asset" },
                 scope: { location: "location", department: "department" } };
  Object.keys(groups).forEach(function (name) {
    var radios = document.querySelectorAll('input[type="radio"][name="' + name + '"]');
    if (!radios.length) { return; }
    var map = groups[name];
    function wrapper(field) {
      var input = document.getElementById("id_" + field);
      return input ? input.closest(".mb-3") : null;
    }
    function update() {
      var chosen = document.querySelector('input[type="radio"][name="' + name + '"]:checked');
      Object.keys(map).forEach(function (value) {
        var box = wrapper(map[value]);
        if (box) { box.hidden = !chosen || chosen.value !== value; }
      });
    }
    radios.forEach(function (radio) { radio.addEventListener("change", update); });
    update();
  });

  // Check-out: the return date only matters for a loan.
  var loan = document.getElementById("id_on_loan");
  var due = document.getElementById("id_due_back");
  if (loan && due && due.closest(".mb-3")) {
    var toggle = function () { due.closest(".mb-3").hidden = !loan.checked; };
    loan.addEventListener("change", toggle);
    toggle();
  }
})();
