// exporter serve: the page works without this script (plain forms); with it,
// a changed choice exports again at once, dropped files are read, and the
// PDF's pages and the check reports appear when the server has them.
"use strict";

(function () {
  // A changed field submits the choices (text fields change on Enter or on leaving them).
  const options = document.getElementById("options-form");
  if (options) {
    options.addEventListener("change", () => {
      document.body.classList.add("busy");
      options.requestSubmit();
    });
  }

  // Files dropped anywhere on the drop zone are read at once, after the same
  // checks the server makes (which still makes them).
  const input = document.getElementById("input-form");
  const drop = document.getElementById("drop");
  const files = document.getElementById("files");
  function tooMany(list) {
    const most = Number(input.dataset.maxFiles);
    const mb = Number(input.dataset.maxFileMb);
    if (list.length > most) return `Too many files: at most ${most} at once.`;
    for (const file of list) {
      if (file.size > mb * 1024 * 1024) return `${file.name} is too large: at most ${mb} MB a file.`;
    }
    return "";
  }
  function say(message) {
    let line = document.getElementById("error");
    if (!line) {
      line = document.createElement("p");
      line.id = "error";
      line.className = "error";
      line.setAttribute("role", "alert");
      document.querySelector("header").after(line);
    }
    line.textContent = message;
  }
  if (input && drop && files) {
    for (const name of ["dragenter", "dragover"]) {
      drop.addEventListener(name, (event) => {
        event.preventDefault();
        drop.classList.add("over");
      });
    }
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("over");
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      const problem = tooMany(event.dataTransfer.files);
      if (problem) return say(problem);
      files.files = event.dataTransfer.files;
      input.requestSubmit();
    });
    files.addEventListener("change", () => {
      const problem = tooMany(files.files);
      if (problem) say(problem);
    });
  }

  // The check reports, once the section is opened; it then stays open (and
  // checks each new version) until closed.
  const check = document.getElementById("check");
  const details = document.getElementById("check-details");
  let checked = false;
  let pdfDone = false;
  function loadCheck() {
    if (!check || checked || !details.open || !pdfDone) return;
    checked = true;
    fetch(check.dataset.url, { credentials: "same-origin" })
      .then((response) => response.text())
      .then((html) => {
        const pending = document.getElementById("check-pending");
        if (pending) pending.remove();
        const body = document.createElement("div");
        body.className = "reports";
        body.innerHTML = html; // our own server's markup, every value escaped there
        details.append(body);
        check.classList.add("done");
      })
      .catch(() => {
        const pending = document.getElementById("check-pending");
        if (pending) pending.textContent = "The check could not be run.";
      });
  }
  if (details) {
    details.open = sessionStorage.getItem("exporter-check") === "open";
    details.addEventListener("toggle", () => {
      sessionStorage.setItem("exporter-check", details.open ? "open" : "closed");
      loadCheck();
    });
  }

  // The PDF's pages: the server lays the PDF out while the EPUB is shown.
  const pdf = document.getElementById("pdf-preview");
  if (pdf && pdf.dataset.pages) {
    fetch(pdf.dataset.pages, { credentials: "same-origin" })
      .then((response) => response.json())
      .then((data) => {
        const pending = document.getElementById("pdf-pending");
        if (data.error) {
          pending.textContent = data.error;
          pending.className = "error";
          pending.setAttribute("role", "alert");
          return;
        }
        pending.remove();
        data.urls.forEach((url, index) => {
          const image = document.createElement("img");
          image.src = url;
          image.alt = `PDF page ${index + 1}`;
          image.width = 744;
          image.height = 1052;
          if (index > 1) image.loading = "lazy";
          pdf.append(image);
        });
        if (data.pages > data.shown) {
          const more = document.createElement("p");
          more.className = "note";
          more.textContent = `and ${data.pages - data.shown} more pages`;
          pdf.append(more);
        }
        pdf.classList.add("done");
      })
      .catch(() => {
        const pending = document.getElementById("pdf-pending");
        if (pending) pending.textContent = "The PDF could not be shown.";
      })
      .finally(() => {
        pdfDone = true;
        loadCheck();
      });
  }
})();
