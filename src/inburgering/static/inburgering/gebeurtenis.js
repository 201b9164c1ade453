// Progressive enhancement: show only the fields that belong to the chosen step.
// Without JavaScript every field stays visible and the server validates the same rules.
(function () {
  var form = document.querySelector("[data-gebeurtenis-form]");
  if (!form) return;
  var soort = form.querySelector("select[name=soort]");
  var hoort = JSON.parse(form.getAttribute("data-velden"));
  var extra = ["azc", "leerroute", "reden", "doelgroep"];
  function toon() {
    extra.forEach(function (naam) {
      var input = form.querySelector("[name=" + naam + "]");
      if (!input) return;
      var veld = input.closest(".utrecht-form-field");
      var nodig = hoort[soort.value] === naam || input.getAttribute("aria-invalid") === "true";
      veld.hidden = !nodig;
    });
  }
  soort.addEventListener("change", toon);
  toon();
})();
