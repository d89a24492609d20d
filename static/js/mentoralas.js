/* Mentoring screens: live finder for the participant/household, and "add another row" for formsets.
   No inline script (strict CSP): everything is wired through data- attributes. */
(function () {
  "use strict";

  function kereso(urlap) {
    var mezo = urlap.querySelector("input[name=q]");
    var hely = document.getElementById(urlap.getAttribute("data-talalatok"));
    var cim = urlap.getAttribute("data-kereso-url");
    var idozito = null;
    if (!mezo || !hely || !cim) { return; }
    // The server already shows the results of the text it rendered into the field.
    var utolso = mezo.defaultValue.trim();

    function megjelenit(eredmenyek) {
      hely.textContent = "";
      if (!eredmenyek.length) {
        var p = document.createElement("p");
        p.className = "mb-0";
        p.textContent = "Nincs találat.";
        hely.appendChild(p);
        return;
      }
      var lista = document.createElement("ul");
      lista.className = "list-group kereso-lista";
      eredmenyek.forEach(function (t) {
        var li = document.createElement("li");
        li.className = "list-group-item p-0";
        var a = document.createElement("a");
        a.className = "d-block px-3 py-2";
        a.href = t.url;
        var nev = document.createElement("strong");
        nev.textContent = t.nev;
        var tipus = document.createElement("span");
        tipus.className = "badge text-bg-secondary ms-1";
        tipus.textContent = t.tipus_nev;
        var reszlet = document.createElement("span");
        reszlet.className = "small text-muted d-block";
        reszlet.textContent = t.reszlet;
        a.appendChild(nev);
        a.appendChild(tipus);
        a.appendChild(reszlet);
        li.appendChild(a);
        lista.appendChild(li);
      });
      hely.appendChild(lista);
    }

    function keres() {
      var szoveg = mezo.value.trim();
      if (szoveg === utolso) { return; }
      utolso = szoveg;
      if (szoveg.length < 2) { hely.textContent = ""; return; }
      fetch(cim + "?q=" + encodeURIComponent(szoveg), {
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      })
        .then(function (v) { return v.ok ? v.json() : { eredmenyek: [] }; })
        .then(function (adat) { if (mezo.value.trim() === szoveg) { megjelenit(adat.eredmenyek || []); } })
        .catch(function () { /* the search button still works without this */ });
    }

    mezo.addEventListener("input", function () {
      clearTimeout(idozito);
      idozito = setTimeout(keres, 250);
    });
    // Typed before this script ran (a slow phone connection) or restored by the browser: search now.
    keres();
  }

  function ujSor(gomb) {
    var prefix = gomb.getAttribute("data-formset-uj");
    var sablon = document.getElementById(gomb.getAttribute("data-sablon"));
    var lista = document.querySelector("[data-formset-lista='" + prefix + "']");
    var osszes = document.getElementById("id_" + prefix + "-TOTAL_FORMS");
    if (!sablon || !lista || !osszes) { return; }
    gomb.hidden = false;
    gomb.addEventListener("click", function () {
      var n = parseInt(osszes.value, 10);
      var html = sablon.innerHTML.replace(/__prefix__/g, String(n));
      var tarto = document.createElement("div");
      tarto.innerHTML = html;
      while (tarto.firstChild) { lista.appendChild(tarto.firstChild); }
      osszes.value = String(n + 1);
      var elso = lista.querySelector("[name='" + prefix + "-" + n + "-leiras']");
      if (elso) { elso.focus(); }
    });
  }

  document.querySelectorAll("[data-kereso]").forEach(kereso);
  document.querySelectorAll("[data-formset-uj]").forEach(ujSor);
})();
