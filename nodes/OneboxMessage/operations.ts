import type { ChannelKey, MethodKey } from './channels';

/**
 * Version 2 of the node picks what to send with one Operation instead of Channel + Method. n8n's
 * nodes panel lists each option of a parameter named `operation` as an action in the node's
 * details view ("Send an email", …): picking one adds the node with that operation set, and the
 * texts tell an AI agent what the node does. Version 1 keeps Channel + Method, so saved workflows
 * mean what they did.
 */
export interface OperationSpec {
	value: string;
	/** Title Case, as the Operation field shows it. */
	name: string;
	/** Sentence case, as the nodes panel lists it (n8n's convention for actions). */
	action: string;
	description: string;
	channel: ChannelKey;
	method: MethodKey;
}

/** Sorted by name, as n8n lists options. */
export const OPERATIONS: OperationSpec[] = [
	{ value: 'commentFacebook', name: 'Comment on Facebook', action: 'Comment on a Facebook post', description: 'Reply publicly to a Facebook post or comment', channel: 'facebook', method: 'comment' },
	{ value: 'commentInstagram', name: 'Comment on Instagram', action: 'Comment on an Instagram post', description: 'Reply publicly to an Instagram post or comment', channel: 'instagram', method: 'comment' },
	{ value: 'mentionTwitter', name: 'Mention on Twitter', action: 'Post a tweet mentioning a customer', description: 'Publish a tweet that names a customer (@handle in the text)', channel: 'twitter', method: 'mention' },
	{ value: 'postFacebook', name: 'Post on Facebook', action: 'Post on a Facebook page', description: 'Publish a post on the connection\'s Facebook page', channel: 'facebook', method: 'post' },
	{ value: 'replyTweet', name: 'Reply to Tweet', action: 'Reply to a tweet', description: 'Reply publicly to a tweet or mention (@handle in the text)', channel: 'twitter', method: 'replyTweet' },
	{ value: 'sendEmail', name: 'Send Email', action: 'Send an email', description: 'Send an email from the connection\'s mailbox', channel: 'email', method: 'send' },
	{ value: 'sendFacebookMessage', name: 'Send Facebook Message', action: 'Send a Facebook direct message', description: 'Reply privately in a Messenger conversation', channel: 'facebook', method: 'directMessage' },
	{ value: 'sendTwitterMessage', name: 'Send Twitter Direct Message', action: 'Send a Twitter direct message', description: 'Reply privately to a Twitter direct message', channel: 'twitter', method: 'directMessage' },
	{ value: 'sendWhatsApp', name: 'Send WhatsApp Message', action: 'Send a WhatsApp message', description: 'Send a WhatsApp message to a phone number', channel: 'whatsapp', method: 'message' },
	{ value: 'tweet', name: 'Tweet', action: 'Post a tweet', description: 'Publish a tweet from the connection\'s account', channel: 'twitter', method: 'tweet' },
];

/** What a new node starts with: the channel version 1 starts with (email). */
export const DEFAULT_OPERATION = 'sendEmail';

export function operationSpec(value: string): OperationSpec | undefined {
	return OPERATIONS.find((o) => o.value === value);
}

export function operationFor(channel: string, method: string): OperationSpec | undefined {
	return OPERATIONS.find((o) => o.channel === channel && o.method === method);
}
