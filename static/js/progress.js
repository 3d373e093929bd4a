// Moves the progress bar of background work (templates/core/_progress.html) by asking its JSON
// status every few seconds, instead of refreshing the page (WCAG F41). When the work is done, the
// "Check progress" link becomes "Show the results"; the user chooses when the page changes.
const PROGRESS_POLL_MS = 4000;

function showProgress(holder, progress) {
  holder.querySelector("[data-progress-status]").textContent = progress.status;
  holder.querySelector("[data-progress-summary]").textContent = progress.summary
    ? ` · ${progress.summary}`
    : "";
  const bar = holder.querySelector("progress");
  if (progress.total > 0) {
    bar.max = progress.total;
    bar.value = progress.finished ? progress.total : progress.done;
  }
  if (progress.finished) {
    const link = holder.querySelector("[data-progress-link]");
    link.textContent = link.dataset.finishedLabel;
    link.classList.replace("btn-outline-secondary", "btn-primary");
  }
}

function watchProgress(holder) {
  const poll = async () => {
    let progress = null;
    try {
      const response = await fetch(holder.dataset.progressUrl, {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
      if (response.redirected || [401, 403, 404].includes(response.status)) {
        return; // signed out or refused: stop asking; the link still reloads the page
      }
      if (response.ok) {
        progress = await response.json();
      }
    } catch {
      // offline for a moment: ask again later
    }
    if (progress) {
      showProgress(holder, progress);
    }
    if (!progress || !progress.finished) {
      setTimeout(poll, PROGRESS_POLL_MS);
    }
  };
  setTimeout(poll, PROGRESS_POLL_MS);
}

document.addEventListener("DOMContentLoaded", () => {
  for (const holder of document.querySelectorAll("[data-progress-url]")) {
    if (holder.querySelector("progress")) {
      watchProgress(holder);
    }
  }
});
