/** The editor's draft in localStorage: kept across reloads until "Discard draft". */
export const DRAFT_KEY = 'gradflow.editor.draft';

/** The saved draft, or null when there is none (or storage is unavailable). */
export function loadDraft(): string | null {
  try {
    return localStorage.getItem(DRAFT_KEY);
  } catch {
    return null;
  }
}

export function saveDraft(text: string): void {
  try {
    localStorage.setItem(DRAFT_KEY, text);
  } catch {
    // storage full or disabled: the draft lives only in the editor
  }
}

export function clearDraft(): void {
  try {
    localStorage.removeItem(DRAFT_KEY);
  } catch {
    // nothing stored
  }
}
