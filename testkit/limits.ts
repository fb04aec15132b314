/**
 * Discord's validation rules for what a bot sends, as the stand-in enforces
 * them (and the formatting unit tests reuse them). Each problem carries the
 * JSON path Discord would name in its 400 "Invalid Form Body" error.
 */

export interface Problem {
  path: Array<string | number>;
  code: string;
  message: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  actionRows: 5,
  rowComponents: 5,
  customId: 100,
  buttonLabel: 80,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Flags a bot may set when creating a message: EPHEMERAL, SUPPRESS_EMBEDS, SUPPRESS_NOTIFICATIONS, IS_COMPONENTS_V2. */
const CREATE_FLAGS = 64 | 4 | 4096 | 32768;

function maxLength(problems: Problem[], path: Problem['path'], value: unknown, max: number, required = false): void {
  if (value === undefined || value === null) {
    if (required) problems.push({ path, code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
    return;
  }
  if (typeof value !== 'string') {
    problems.push({ path, code: 'STRING_TYPE_CONVERT', message: 'Could not interpret value as string.' });
    return;
  }
  if (value.length > max) problems.push({ path, code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${max} or fewer in length.` });
  if (required && value.length === 0) problems.push({ path, code: 'BASE_TYPE_MIN_LENGTH', message: 'Must be 1 or more in length.' });
}

/** Characters of an embed counted towards the 6,000 limit. */
export function embedSize(e: Json): number {
  const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);
  const fields = Array.isArray(e.fields) ? e.fields : [];
  return len(e.title) + len(e.description) + (isObject(e.footer) ? len(e.footer.text) : 0)
    + (isObject(e.author) ? len(e.author.name) : 0)
    + fields.reduce((n: number, f: unknown) => n + (isObject(f) ? len(f.name) + len(f.value) : 0), 0);
}

function checkEmbeds(problems: Problem[], embeds: unknown): void {
  if (embeds === undefined || embeds === null) return;
  if (!Array.isArray(embeds)) return void problems.push({ path: ['embeds'], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' });
  if (embeds.length > LIMITS.embeds) problems.push({ path: ['embeds'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.embeds} or fewer in length.` });
  let total = 0;
  embeds.forEach((e: unknown, i) => {
    if (!isObject(e)) return void problems.push({ path: ['embeds', i], code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' });
    maxLength(problems, ['embeds', i, 'title'], e.title, LIMITS.title);
    maxLength(problems, ['embeds', i, 'description'], e.description, LIMITS.description);
    if (e.url !== undefined && (typeof e.url !== 'string' || !/^https?:\/\/\S+$/.test(e.url))) {
      problems.push({ path: ['embeds', i, 'url'], code: 'URL_TYPE_INVALID_URL', message: 'Not a well formed URL.' });
    }
    if (e.color !== undefined && (typeof e.color !== 'number' || !Number.isInteger(e.color) || e.color < 0 || e.color > 0xffffff)) {
      problems.push({ path: ['embeds', i, 'color'], code: 'NUMBER_TYPE_MAX', message: 'int value should be less than or equal to 16777215.' });
    }
    if (isObject(e.footer)) maxLength(problems, ['embeds', i, 'footer', 'text'], e.footer.text, LIMITS.footer, true);
    if (isObject(e.author)) maxLength(problems, ['embeds', i, 'author', 'name'], e.author.name, LIMITS.authorName, true);
    if (e.fields !== undefined) {
      const fields = Array.isArray(e.fields) ? e.fields : [];
      if (fields.length > LIMITS.fields) problems.push({ path: ['embeds', i, 'fields'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.fields} or fewer in length.` });
      fields.forEach((f: unknown, j) => {
        if (!isObject(f)) return;
        maxLength(problems, ['embeds', i, 'fields', j, 'name'], f.name, LIMITS.fieldName, true);
        maxLength(problems, ['embeds', i, 'fields', j, 'value'], f.value, LIMITS.fieldValue, true);
      });
    }
    total += embedSize(e);
  });
  if (total > LIMITS.embedTotal) {
    problems.push({ path: ['embeds'], code: 'MAX_EMBED_SIZE_EXCEEDED', message: `Embed size exceeds maximum size of ${LIMITS.embedTotal}` });
  }
}

function checkComponents(problems: Problem[], components: unknown): void {
  if (components === undefined || components === null) return;
  if (!Array.isArray(components)) return void problems.push({ path: ['components'], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' });
  if (components.length > LIMITS.actionRows) problems.push({ path: ['components'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.actionRows} or fewer in length.` });
  const ids = new Set<string>();
  components.forEach((row: unknown, i) => {
    if (!isObject(row) || row.type !== 1 || !Array.isArray(row.components)) {
      return void problems.push({ path: ['components', i], code: 'UNION_TYPE_CHOICES', message: 'Value of field "type" must be one of (1,).' });
    }
    if (row.components.length < 1 || row.components.length > LIMITS.rowComponents) {
      problems.push({ path: ['components', i, 'components'], code: 'BASE_TYPE_BAD_LENGTH', message: `Must be between 1 and ${LIMITS.rowComponents} in length.` });
    }
    row.components.forEach((c: unknown, j) => {
      const path = ['components', i, 'components', j];
      if (!isObject(c) || c.type !== 2) return; // only buttons are checked in depth
      maxLength(problems, [...path, 'label'], c.label, LIMITS.buttonLabel);
      if (c.label === undefined && c.emoji === undefined) problems.push({ path, code: 'COMPONENT_INVALID', message: 'A button needs a label or an emoji.' });
      if (c.style === 5) {
        if (typeof c.url !== 'string') problems.push({ path: [...path, 'url'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
        return;
      }
      maxLength(problems, [...path, 'custom_id'], c.custom_id, LIMITS.customId, true);
      if (typeof c.custom_id === 'string') {
        if (ids.has(c.custom_id)) problems.push({ path: [...path, 'custom_id'], code: 'COMPONENT_CUSTOM_ID_DUPLICATED', message: 'Component custom id cannot be duplicated' });
        ids.add(c.custom_id);
      }
    });
  });
}

function checkAllowedMentions(problems: Problem[], am: unknown): void {
  if (am === undefined || am === null) return;
  if (!isObject(am)) return void problems.push({ path: ['allowed_mentions'], code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' });
  const parse = am.parse ?? [];
  if (!Array.isArray(parse) || parse.some((p) => !['users', 'roles', 'everyone'].includes(p as string))) {
    problems.push({ path: ['allowed_mentions', 'parse'], code: 'ENUM_TYPE_COERCE', message: 'Value must be one of {users, roles, everyone}.' });
  }
  for (const key of ['users', 'roles'] as const) {
    const list = am[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length > 100 || list.some((v) => typeof v !== 'string' || !/^\d+$/.test(v))) {
      problems.push({ path: ['allowed_mentions', key], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be a list of up to 100 snowflakes.' });
    } else if (Array.isArray(parse) && parse.includes(key) && list.length > 0) {
      problems.push({ path: ['allowed_mentions', key], code: 'SET_TYPE_ALREADY_CONTAINS_VALUE', message: `parse:["${key}"] and ${key}: [ids] are mutually exclusive.` });
    }
  }
}

/**
 * Problems with a message body. `partial` is for edits and UPDATE_MESSAGE,
 * which may leave everything out.
 */
export function messageProblems(body: unknown, { partial = false } = {}): Problem[] {
  const problems: Problem[] = [];
  if (!isObject(body)) return [{ path: [], code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' }];
  maxLength(problems, ['content'], body.content, LIMITS.content);
  checkEmbeds(problems, body.embeds);
  checkComponents(problems, body.components);
  checkAllowedMentions(problems, body.allowed_mentions);
  if (body.flags !== undefined && body.flags !== null) {
    if (typeof body.flags !== 'number' || (body.flags & ~CREATE_FLAGS) !== 0) {
      problems.push({ path: ['flags'], code: 'MESSAGE_FLAGS_INVALID', message: 'Invalid message flags.' });
    }
  }
  const hasContent = typeof body.content === 'string' && body.content.trim().length > 0;
  const hasEmbeds = Array.isArray(body.embeds) && body.embeds.length > 0;
  const hasComponents = Array.isArray(body.components) && body.components.length > 0;
  const hasFiles = Array.isArray(body.attachments) && body.attachments.length > 0;
  if (!partial && !hasContent && !hasEmbeds && !hasComponents && !hasFiles) {
    problems.push({ path: [], code: 'EMPTY_MESSAGE', message: 'Cannot send an empty message' });
  }
  return problems;
}

/** Problems with an APPLICATION_COMMAND_AUTOCOMPLETE_RESULT's data. */
export function autocompleteProblems(data: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!isObject(data) || !Array.isArray(data.choices)) return [{ path: ['choices'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' }];
  if (data.choices.length > LIMITS.choices) problems.push({ path: ['choices'], code: 'BASE_TYPE_MAX_LENGTH', message: `Must be ${LIMITS.choices} or fewer in length.` });
  data.choices.forEach((c: unknown, i) => {
    if (!isObject(c)) return void problems.push({ path: ['choices', i], code: 'MODEL_TYPE_CONVERT', message: 'Only dictionaries may be used in a ModelType' });
    maxLength(problems, ['choices', i, 'name'], c.name, LIMITS.choiceName, true);
    if (typeof c.value === 'string') maxLength(problems, ['choices', i, 'value'], c.value, LIMITS.choiceValue);
    else if (typeof c.value !== 'number') problems.push({ path: ['choices', i, 'value'], code: 'BASE_TYPE_REQUIRED', message: 'This field is required' });
  });
  return problems;
}

/** Discord's 400 body for problems: `{ code: 50035, errors: { a: { 0: { b: { _errors: [...] } } } } }`. */
export function invalidFormBody(problems: Problem[], prefix: Array<string | number> = []): { code: number; message: string; errors: Json } {
  const errors: Json = {};
  for (const p of problems) {
    let node = errors;
    for (const key of [...prefix, ...p.path]) {
      const k = String(key);
      node[k] ??= {};
      node = node[k] as Json;
    }
    ((node._errors ??= []) as unknown[]).push({ code: p.code, message: p.message });
  }
  if (problems.some((p) => p.code === 'EMPTY_MESSAGE')) return { code: 50006, message: 'Cannot send an empty message', errors };
  return { code: 50035, message: 'Invalid Form Body', errors };
}

/** Command registration rules (names, descriptions, options) for PUT …/commands. */
export function commandProblems(commands: unknown): Problem[] {
  const problems: Problem[] = [];
  if (!Array.isArray(commands)) return [{ path: [], code: 'LIST_TYPE_CONVERT', message: 'Only iterables may be used in a ListType' }];
  if (commands.length > 100) problems.push({ path: [], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 100 or fewer in length.' });
  const seen = new Set<string>();
  commands.forEach((c: unknown, i) => {
    if (!isObject(c)) return;
    const type = (c.type as number | undefined) ?? 1;
    const name = String(c.name ?? '');
    const key = `${type}:${name}`;
    if (seen.has(key)) problems.push({ path: [i, 'name'], code: 'APPLICATION_COMMANDS_DUPLICATE_NAME', message: `Application command names must be unique` });
    seen.add(key);
    if (type === 1) {
      if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(name) || name !== name.toLowerCase()) problems.push({ path: [i, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
      maxLength(problems, [i, 'description'], c.description, 100, true);
      const options = Array.isArray(c.options) ? c.options : [];
      if (options.length > 25) problems.push({ path: [i, 'options'], code: 'BASE_TYPE_MAX_LENGTH', message: 'Must be 25 or fewer in length.' });
      let optionalSeen = false;
      options.forEach((o: unknown, j) => {
        if (!isObject(o)) return;
        if (!/^[-_\p{L}\p{N}]{1,32}$/u.test(String(o.name ?? ''))) problems.push({ path: [i, 'options', j, 'name'], code: 'APPLICATION_COMMAND_INVALID_NAME', message: 'Command name is invalid' });
        maxLength(problems, [i, 'options', j, 'description'], o.description, 100, true);
        if (o.required === true && optionalSeen) problems.push({ path: [i, 'options', j], code: 'APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID', message: 'Required options must be placed before non-required options' });
        if (o.required !== true) optionalSeen = true;
        if (o.autocomplete === true && Array.isArray(o.choices) && o.choices.length) problems.push({ path: [i, 'options', j, 'autocomplete'], code: 'AUTOCOMPLETE_CHOICES', message: 'Autocomplete cannot be set with choices' });
      });
    } else {
      if (name.length < 1 || name.length > 32) problems.push({ path: [i, 'name'], code: 'BASE_TYPE_BAD_LENGTH', message: 'Must be between 1 and 32 in length.' });
      if (c.description !== undefined && c.description !== '') problems.push({ path: [i, 'description'], code: 'APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION', message: 'Context menu commands cannot have a description' });
    }
  });
  return problems;
}
