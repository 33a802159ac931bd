import type { IDataObject } from 'n8n-workflow';

import { htmlToText } from '../shared/html';
import { REFERENCE_LABELS } from './channels';
import type { Address, MessageInput } from './schema';

/** One entry of `Attachments`: a file given inline (base64 `Content`) or by public URL (`Path`). */
export interface OneboxAttachment extends IDataObject {
	Description: string;
	File: { Date: string; Name: string; Content?: string; Path?: string };
}

export interface OneboxUser extends IDataObject {
	IdentityId: string;
	Name: string;
	RoleId: 'MSR1' | 'MSR2' | 'MSR3' | 'MSR4';
}

export interface OneboxContent extends IDataObject {
	Body: string;
	BodyText: string;
	ContentType: 'text/html' | 'text/plain';
	Encoding: 'UTF-8';
}

const SUBJECT_FROM_TEXT_MAX = 100;

/** `YYYY-MM-DD HH:mm:ss` in the given time zone, the way Onebox writes dates. */
export function formatOneboxDate(date: Date, timeZone: string): string {
	const parts = new Intl.DateTimeFormat('en-GB', {
		timeZone,
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
	}).formatToParts(date);
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
	return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')}`;
}

/**
 * Body, BodyText and ContentType. An HTML body is sent as written (text/html) and its text
 * derived; a plain-text body is sent as is in both Body and BodyText (text/plain), like the API
 * page's text/plain examples: WhatsApp and comment recipients see no tags or entities. "Plain Text
 * Alternative" replaces BodyText.
 */
export function buildContent(input: Pick<MessageInput, 'body' | 'bodyFormat' | 'bodyText'>): OneboxContent {
	if (input.bodyFormat === 'html') {
		return { Body: input.body, BodyText: input.bodyText || htmlToText(input.body), ContentType: 'text/html', Encoding: 'UTF-8' };
	}
	return { Body: input.body, BodyText: input.bodyText || input.body, ContentType: 'text/plain', Encoding: 'UTF-8' };
}

/** Onebox marks Subject as mandatory on every channel: without one, the text's first line stands in. */
export function buildSubject(subject: string, bodyText: string): string {
	if (subject !== '') return subject;
	const firstLine = bodyText.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
	return firstLine.length > SUBJECT_FROM_TEXT_MAX ? `${firstLine.slice(0, SUBJECT_FROM_TEXT_MAX - 1)}…` : firstLine;
}

const userOf = (entry: Address, RoleId: OneboxUser['RoleId']): OneboxUser => ({ IdentityId: entry.address, Name: entry.name || entry.address, RoleId });

/** Email's Users: the sender (MSR1), each To (MSR2), Cc (MSR3) and Bcc (MSR4). */
export function buildUsers(input: Pick<MessageInput, 'from' | 'fromName' | 'to' | 'cc' | 'bcc'>): OneboxUser[] {
	return [
		userOf({ address: input.from, name: input.fromName }, 'MSR1'),
		...input.to.map((entry) => userOf(entry, 'MSR2')),
		...input.cc.map((entry) => userOf(entry, 'MSR3')),
		...input.bcc.map((entry) => userOf(entry, 'MSR4')),
	];
}

const addresses = (list: Address[]) => list.map((entry) => entry.address).join(',');

/** The JSON body of `POST /api/message` for one validated item. */
export function buildMessage(input: MessageInput, attachments: OneboxAttachment[]): IDataObject {
	const content = buildContent(input);
	const body: IDataObject = {
		ConnectionId: input.connectionId,
		Subject: buildSubject(input.subject, content.BodyText),
		MethodId: input.methodId,
		From: input.from,
		To: addresses(input.to),
	};
	if (input.channel.email) {
		body.Cc = input.cc.length ? addresses(input.cc) : null;
		body.Bcc = input.bcc.length ? addresses(input.bcc) : null;
	}
	for (const [reference, value] of Object.entries(input.references)) {
		body[REFERENCE_LABELS[reference as keyof typeof REFERENCE_LABELS].apiKey] = value;
	}
	if (input.prevRemoteId) body.PrevRemoteId = input.prevRemoteId;
	body.Attachments = attachments;
	if (input.users) body.Users = input.users;
	else if (input.channel.email) body.Users = buildUsers(input);
	body.Content = content;
	return body;
}
