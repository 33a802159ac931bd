// `main` points here (and the tarball ships it) so that require('n8n-nodes-payout-notify') works
// for tooling; n8n itself ignores it and loads the classes listed under package.json's `n8n`.
module.exports = {};
