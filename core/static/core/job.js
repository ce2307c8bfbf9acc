// A background job's page (organisations/job.html): asks the status endpoint every two
// seconds and updates the aria-live region, the progress bar and, when done, the link.
// Without JavaScript the page reloads itself (meta refresh) instead.
(function () {
  "use strict";
  var box = document.querySelector("[data-job-status-url]");
  if (!box || box.getAttribute("data-job-finished") === "1") {
    return;
  }
  var live = box.querySelector("[data-job-live]");
  var bar = box.querySelector("[data-job-progress]");
  var reload = box.querySelector("[data-job-reload]");
  var lastText = "";

  function paragraph(className, text) {
    var p = document.createElement("p");
    if (className) {
      p.className = className;
    }
    p.textContent = text;
    return p;
  }

  function show(status) {
    var p;
    if (status.state === "done" && status.download_url) {
      p = paragraph("message message--success", "Klart. ");
      var link = document.createElement("a");
      link.href = status.download_url;
      link.setAttribute("data-job-download", "");
      link.textContent = "Ladda ner " + status.file_name;
      p.appendChild(link);
    } else if (status.state === "done" || status.state === "failed") {
      p =
        status.state === "done"
          ? paragraph("message message--success", status.message + " ")
          : paragraph("message message--error", "Jobbet misslyckades. " + status.error + " ");
      if (status.result_url) {
        var next = document.createElement("a");
        next.href = status.result_url;
        next.setAttribute("data-job-result", "");
        next.textContent = status.result_label;
        p.appendChild(next);
      }
    } else {
      var text = (status.state === "queued" ? "Köad: " : "Pågår: ") + status.message;
      if (status.steps_total) {
        text += " (steg " + status.steps_done + " av " + status.steps_total + ")";
      }
      p = paragraph("", text);
    }
    // Only a changed text is written, so a screen reader hears each step once.
    if (p.textContent !== lastText) {
      lastText = p.textContent;
      live.replaceChildren(p);
    }
    if (bar) {
      bar.value = status.percent;
      bar.textContent = status.percent + " %";
    }
    if (status.finished) {
      if (bar) {
        bar.remove();
      }
      if (reload) {
        reload.remove();
      }
    }
  }

  function poll() {
    fetch(box.getAttribute("data-job-status-url"), {
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(response.status);
        }
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (!status.finished) {
          window.setTimeout(poll, 2000);
        }
      })
      .catch(function () {
        window.setTimeout(poll, 5000);
      });
  }

  window.setTimeout(poll, 1000);
})();
