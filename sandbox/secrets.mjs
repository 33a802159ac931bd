// Fixed credentials, so a newcomer can paste them into n8n without creating any account.
// They are deliberately public: the sandbox only listens on 127.0.0.1.
export const SANDBOX_SECRETS = Object.freeze({
	odoo: Object.freeze({ apiKey: 'sandbox-odoo-key', database: 'sandbox', login: 'admin', uid: 2 }),
	stripe: Object.freeze({ secretKey: 'sk_test_sandbox' }),
	harasocial: Object.freeze({ token: 'sandbox-harasocial-token' }),
	onebox: Object.freeze({ email: 'operator@sandbox.test', password: 'sandbox-password', siteId: '169' }),
	// The header the example's webhook requires (n8n Header Auth credential "Payout webhook token").
	webhook: Object.freeze({ header: 'X-Payout-Token', token: 'sandbox-payout-webhook-token' }),
});
