// A form that failed validation comes back with status 422 and its message (web/_forms.py):
// htmx 1.9 swaps no 4xx response by default, so let it swap this one in place of the form.
document.addEventListener("htmx:beforeSwap", function (event) {
  if (event.detail.xhr.status === 422) {
    event.detail.shouldSwap = true;
    event.detail.isError = false;
  }
});
