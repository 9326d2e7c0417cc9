// Conversations kept in this browser (localStorage). Media are saved while they fit; when the browser's quota
// is reached, the oldest media are left out of what is saved (the message keeps their names), so the text
// history survives a reload.

const storageKey = 'localmm.conversations';

/** Reads the saved conversations; anything unreadable is ignored rather than breaking the page. */
export function loadConversations() {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter(isConversation) : [];
  } catch {
    return [];
  }
}

/** Saves the conversations; media that do not fit are left out of the saved copy, never out of the open page. */
export function saveConversations(conversations) {
  let saved = conversations;
  for (;;) {
    try {
      localStorage.setItem(storageKey, JSON.stringify(saved));
      return true;
    } catch {
      if (saved === conversations) {
        saved = structuredClone(conversations);
      }
      if (!dropOldestMedia(saved)) {
        return false;
      }
    }
  }
}

export function newConversation() {
  return { id: crypto.randomUUID(), title: 'New chat', created: Date.now(), messages: [] };
}

function dropOldestMedia(conversations) {
  const ordered = [...conversations].sort((a, b) => a.created - b.created);
  for (const conversation of ordered) {
    for (const message of conversation.messages) {
      const kept = (message.attachments ?? []).find(a => a.dataUrl);
      if (kept) {
        kept.dataUrl = null;
        return true;
      }
    }
  }
  return false;
}

function isConversation(value) {
  return value && typeof value.id === 'string' && Array.isArray(value.messages);
}
