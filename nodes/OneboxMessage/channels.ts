/**
 * The channel x method matrix of Onebox's "Message - Create" page, as data. Each row says what
 * the API wants for one kind of message: the MethodId sent, which reference ids it takes and
 * which of them are required, and how From/To are written. The form (properties.ts), the
 * validation (schema.ts) and the request body (buildMessage.ts) all read this table.
 */

export type ChannelKey = 'email' | 'facebook' | 'instagram' | 'twitter' | 'whatsapp';
export type MethodKey = 'send' | 'message' | 'post' | 'comment' | 'directMessage' | 'tweet' | 'mention' | 'replyTweet';
export type OneboxMethodId = 'DIRECT' | 'POST' | 'MENTION' | 'COMMENT' | null;

/** The two reference ids a message can carry. */
export type Reference = 'conversationId' | 'previousId';

/** How From and To are written on a channel, and so how they are checked. */
export type AddressKind = 'email' | 'phone' | 'account';

export interface MethodSpec {
	value: MethodKey;
	name: string;
	description: string;
	/** The `MethodId` the API gets for this method. */
	methodId: OneboxMethodId;
	/** Reference ids the form shows for this method. */
	references: Reference[];
	/** At least one of these must be filled (empty: none needed). */
	requiresOneOf: Reference[];
	/** Twitter mentions and replies must name the customer (@handle) in the text. */
	textMustMention?: boolean;
	/** Placeholders of the From and To fields for this method. */
	fromExample: string;
	toExample: string;
	/** Which example of the API page this row reproduces. */
	seedExample?: string;
}

export interface ChannelSpec {
	value: ChannelKey;
	name: string;
	/** Onebox's media code, as in the answer's `MediaId` and the connection list. */
	mediaId: string;
	address: AddressKind;
	/** Email only: Cc, Bcc and the Users list (sender MSR1, to MSR2, cc MSR3, bcc MSR4). */
	email: boolean;
	methods: MethodSpec[];
}

export const REFERENCE_LABELS: Record<Reference, { displayName: string; apiKey: 'ConversationId' | 'PreviousId' }> = {
	conversationId: { displayName: 'Conversation ID', apiKey: 'ConversationId' },
	previousId: { displayName: 'Previous Message ID', apiKey: 'PreviousId' },
};

/** Facebook's and Instagram's Comment: one Onebox method, answering the message in Previous Message ID. */
const PUBLIC_COMMENT: Omit<MethodSpec, 'fromExample' | 'toExample'> = {
	value: 'comment',
	name: 'Comment',
	description: 'Reply publicly to a post or comment',
	methodId: 'COMMENT',
	references: ['previousId'],
	requiresOneOf: ['previousId'],
};

export const CHANNELS: ChannelSpec[] = [
	{
		value: 'email',
		name: 'Email',
		mediaId: 'EMAIL',
		address: 'email',
		email: true,
		methods: [
			{
				value: 'send',
				name: 'Send',
				description: 'Send an email from the connection\'s mailbox',
				methodId: null,
				references: [],
				requiresOneOf: [],
				fromExample: 'e.g. support@company.co.id',
				toExample: 'e.g. customer@example.com, "Budi S" <budi@example.com>',
				seedExample: 'body example',
			},
		],
	},
	{
		value: 'facebook',
		name: 'Facebook',
		mediaId: 'FCBK',
		address: 'account',
		email: false,
		methods: [
			{
				value: 'post',
				name: 'Post',
				description: 'Publish a post on the page',
				methodId: 'POST',
				references: [],
				requiresOneOf: [],
				fromExample: 'e.g. 469218373611012 (the page ID)',
				toExample: 'e.g. 469218373611012 (the page ID again)',
				seedExample: '1. Facebook - Send Post',
			},
			{
				...PUBLIC_COMMENT,
				fromExample: 'e.g. 469218373611012 (the page ID)',
				toExample: 'e.g. 389961471775568 (the Facebook user ID)',
				seedExample: '2. Facebook - Send Comment',
			},
			{
				value: 'directMessage',
				name: 'Direct Message',
				description: 'Reply privately in a Messenger conversation',
				methodId: 'DIRECT',
				references: ['conversationId'],
				requiresOneOf: ['conversationId'],
				fromExample: 'e.g. 469218373611012 (the page ID)',
				toExample: 'e.g. 389961471775568 (the Facebook user ID)',
				seedExample: '3. Facebook - Send Direct Message',
			},
		],
	},
	{
		value: 'instagram',
		name: 'Instagram',
		mediaId: 'INST',
		address: 'account',
		email: false,
		methods: [
			{
				...PUBLIC_COMMENT,
				fromExample: 'e.g. demo.onebox (the account)',
				toExample: 'e.g. azmnurami (the customer\'s account)',
				seedExample: '4. Instagram - Send Comment',
			},
		],
	},
	{
		value: 'twitter',
		name: 'Twitter',
		mediaId: 'TWTR',
		address: 'account',
		email: false,
		methods: [
			{
				value: 'tweet',
				name: 'Tweet',
				description: 'Publish a tweet',
				methodId: 'POST',
				references: [],
				requiresOneOf: [],
				fromExample: 'e.g. trial_corp (the screen name)',
				toExample: 'e.g. trial_corp (the screen name again)',
				seedExample: '5. Twitter - Send Tweet',
			},
			{
				value: 'mention',
				name: 'Mention',
				description: 'Publish a tweet that mentions a customer',
				methodId: 'MENTION',
				references: [],
				requiresOneOf: [],
				textMustMention: true,
				fromExample: 'e.g. 738567483435556864 (the account ID)',
				toExample: 'e.g. 927743274869125122 (the customer\'s account ID)',
				seedExample: '6. Twitter - Send Mention',
			},
			{
				value: 'replyTweet',
				name: 'Reply to Tweet',
				description: 'Reply publicly to a tweet or mention',
				methodId: 'MENTION',
				references: ['previousId'],
				requiresOneOf: ['previousId'],
				textMustMention: true,
				fromExample: 'e.g. 738567483435556864 (the account ID)',
				toExample: 'e.g. 712571190812868608 (the customer\'s account ID)',
				seedExample: '7. Twitter - Reply Tweet',
			},
			{
				// The page's table names ConversationId for Twitter DMs; its example replies with
				// PreviousId (the incoming DM). Either one identifies the conversation.
				value: 'directMessage',
				name: 'Direct Message',
				description: 'Reply privately to a direct message',
				methodId: 'DIRECT',
				references: ['previousId', 'conversationId'],
				requiresOneOf: ['previousId', 'conversationId'],
				fromExample: 'e.g. 738567483435556864 (the account ID)',
				toExample: 'e.g. 927743274869125122 (the customer\'s account ID)',
				seedExample: '8. Twitter - Reply Direct Message',
			},
		],
	},
	{
		value: 'whatsapp',
		name: 'WhatsApp',
		mediaId: 'WHATP',
		address: 'phone',
		email: false,
		methods: [
			{
				value: 'message',
				name: 'Message',
				description: 'Send a WhatsApp message to a phone number',
				methodId: 'DIRECT',
				references: ['conversationId'],
				requiresOneOf: [],
				fromExample: 'e.g. 6282210695424 (the connection\'s number)',
				toExample: 'e.g. 628111020197',
			},
		],
	},
];

export const CHANNEL_KEYS = CHANNELS.map((c) => c.value) as [ChannelKey, ...ChannelKey[]];

export function channelSpec(channel: string): ChannelSpec | undefined {
	return CHANNELS.find((c) => c.value === channel);
}

export function methodSpec(channel: string, method: string): MethodSpec | undefined {
	return channelSpec(channel)?.methods.find((m) => m.value === method);
}

/** Every (channel, method) pair, for the form's per-combination fields. */
export function combinations(): Array<{ channel: ChannelSpec; method: MethodSpec }> {
	return CHANNELS.flatMap((channel) => channel.methods.map((method) => ({ channel, method })));
}
