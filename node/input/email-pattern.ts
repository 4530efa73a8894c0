/**
 * What the node takes for an e-mail address. A file of its own, without zod: staff sign-in, on
 * the path of every authenticated request, checks addresses too, and loads nothing else for it.
 */
export const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z0-9-]{2,63}$/;
