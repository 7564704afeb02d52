// The finder form, better with JavaScript. Filter-as-you-type inside a facet. Without JavaScript the facet's "All … with results"
// link leads to the full list; with it, that list is read once and the options whose names
// match what is typed become checkboxes in the finder form, applied with the other filters.
(function () {
  "use strict";

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function picker(more) {
    var link = more.querySelector("a");
    var facet = more.getAttribute("data-facet-picker");
    var id = "picker-" + facet;
    var options = null;
    var checked = {};

    var label = document.createElement("label");
    label.htmlFor = id;
    label.textContent = "Find " + more.getAttribute("data-label");
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    input.autocomplete = "off";
    input.setAttribute("aria-controls", id + "-results");
    input.setAttribute("aria-describedby", id + "-status");
    var status = document.createElement("p");
    status.id = id + "-status";
    status.className = "picker-status";
    status.setAttribute("role", "status");
    var list = document.createElement("ul");
    list.id = id + "-results";
    list.className = "picker-results";

    var box = document.createElement("div");
    box.className = "picker";
    box.append(label, input, status, list);
    more.before(box);

    function load() {
      if (options) {
        return Promise.resolve(options);
      }
      return fetch(link.href, { credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) {
            throw new Error(response.status);
          }
          return response.text();
        })
        .then(function (html) {
          var page = new DOMParser().parseFromString(html, "text/html");
          options = Array.prototype.map.call(page.querySelectorAll("[data-option]"), function (a) {
            return {
              slug: a.getAttribute("data-slug"),
              name: a.getAttribute("data-name"),
              count: a.getAttribute("data-count"),
              key: fold(a.getAttribute("data-name")),
            };
          });
          return options;
        });
    }

    function render() {
      var wanted = fold(input.value.trim());
      list.replaceChildren();
      if (!wanted) {
        status.textContent = "";
        return;
      }
      var matches = options.filter(function (option) {
        // Options already in the panel are ticked there.
        return option.key.indexOf(wanted) !== -1 &&
          !document.getElementById("f-" + facet + "-" + option.slug);
      });
      matches.slice(0, 20).forEach(function (option) {
        var item = document.createElement("li");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = facet;
        box.value = option.slug;
        box.id = "pick-" + facet + "-" + option.slug;
        box.checked = Boolean(checked[option.slug]);
        box.addEventListener("change", function () {
          checked[option.slug] = box.checked;
        });
        var text = document.createElement("label");
        text.htmlFor = box.id;
        text.textContent = option.name + " (" + option.count + ")";
        item.append(box, text);
        list.append(item);
      });
      status.textContent = matches.length === 0 ? "No match." :
        matches.length > 20 ? "The first 20 of " + matches.length + " matches: type more." :
        matches.length + (matches.length === 1 ? " match." : " matches.");
    }

    input.addEventListener("input", function () {
      load().then(render, function () {
        status.textContent = "The list could not be loaded: follow the link below.";
      });
    });
    // Ticked options not currently shown still go with the form.
    input.form.addEventListener("submit", function () {
      Object.keys(checked).forEach(function (slug) {
        if (checked[slug] && !document.getElementById("pick-" + facet + "-" + slug)) {
          var hidden = document.createElement("input");
          hidden.type = "hidden";
          hidden.name = facet;
          hidden.value = slug;
          input.form.append(hidden);
        }
      });
    });
  }

  // Send only the fields that say something: ?topic=x, not ?q=&from=&to=&topic=x (the server
  // redirects the long form too, for readers without JavaScript).
  function shortQuery(form) {
    form.addEventListener("submit", function () {
      var search = form.elements.namedItem("q");
      var defaultSort = search && search.value.trim() ? "relevance" : "newest";
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || field.disabled || field.type === "checkbox") {
          return;
        }
        if (field.value.trim() === "" || (field.name === "sort" && field.value === defaultSort)) {
          field.disabled = true;
          field.setAttribute("data-emptied", "");
        }
      });
    });
  }
  // Back to a page the browser kept: its fields work again.
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("[data-emptied]").forEach(function (field) {
      field.disabled = false;
      field.removeAttribute("data-emptied");
    });
  });

  document.querySelectorAll("[data-facet-picker]").forEach(picker);
  document.querySelectorAll("form.finder").forEach(shortQuery);
})();
