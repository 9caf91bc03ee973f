// Share controls (overrides/partials/share-question.html and share.html).
// Under each question, the link to the question's share page becomes one
// button: the system share sheet where the browser has one, "copy link"
// otherwise. In the full list, "copy link" appears where the clipboard works.
// Confirmations go to the live region next to the control.
document.addEventListener("DOMContentLoaded", function () {
  var canCopy = Boolean(navigator.clipboard && window.isSecureContext);

  function copy(button) {
    var status = button.parentNode.querySelector(".faq-share__status");
    navigator.clipboard.writeText(button.dataset.shareUrl).then(function () {
      status.textContent = button.dataset.done;
      setTimeout(function () { status.textContent = ""; }, 5000);
    });
  }

  document.querySelectorAll(".faq-share__one.faq-share__copy").forEach(function (button) {
    var link = button.parentNode.querySelector("a.faq-share__one");
    var label = button.querySelector(".faq-share__label");
    if (navigator.share) {
      button.dataset.mode = "share";
      label.textContent = button.dataset.shareLabel;
      button.addEventListener("click", function () {
        navigator.share({ title: button.dataset.shareText, url: button.dataset.shareUrl })
          .catch(function () { /* the reader closed the share sheet */ });
      });
    } else if (canCopy) {
      button.dataset.mode = "copy";
      label.textContent = button.dataset.copyLabel;
      button.addEventListener("click", function () { copy(button); });
    } else {
      return; // keep the link to the share page
    }
    button.hidden = false;
    if (link) link.hidden = true;
  });

  if (canCopy) {
    document.querySelectorAll(".faq-share--full .faq-share__copy").forEach(function (button) {
      button.parentNode.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  }
});
