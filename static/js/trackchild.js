// Progressive enhancement only: every form works without this file.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-autosubmit]")) {
    event.target.form.submit();
  }
});
