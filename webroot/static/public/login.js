// Shows the refusal message after a failed sign-in (/login?error=1). No inline script: the CSP forbids it.
if (new URLSearchParams(window.location.search).has('error')) {
  document.getElementById('login-error').hidden = false;
}
