// Entra built-in role template ids, as carried in the `wids` claim of user tokens
// (learn.microsoft.com "Microsoft Entra built-in roles"). The Graph print permission
// tables reserve admin operations for Printer Administrators; Global Administrators
// qualify too (reference §2.4, C).

export const PRINTER_ADMIN_ROLE_ID = '644ef478-e28f-4e28-b9dc-3fdde9aa0b1f';
export const GLOBAL_ADMIN_ROLE_ID = '62e90394-69f5-4237-9190-012177145e10';
