// "Conversation deleted · Undo" at the foot of the conversation list, while the server can still
// bring the conversation back. The focus goes to Undo after a delete (the trash button went with
// the conversation), and when the notice goes, back to the list where the conversation was.
import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { UndoRegion, UndoToast } from '../../components/undo-toast.tsx';
import { useConversationsStore, type DeletedConversation } from '../../stores/conversations-store.ts';
import { useNavStore } from '../../stores/nav-store.ts';

/** The notice that has had the focus put on its Undo once. */
let focusedNotice: DeletedConversation | null = null;

export function DeletedNotice({ list, search }: { list: RefObject<HTMLUListElement | null>; search?: RefObject<HTMLInputElement | null> }) {
  const deleted = useConversationsStore((s) => s.deleted);
  const undoDelete = useConversationsStore((s) => s.undoDelete);
  const forgetDeleted = useConversationsStore((s) => s.forgetDeleted);
  const region = useRef<HTMLDivElement>(null);
  const undoing = useRef(false);
  // A fresh delete puts the focus on Undo (its trash button is gone with it); coming back to the
  // chat while the notice is still up does not move the focus again.
  useEffect(() => {
    if (!deleted || deleted.error || focusedNotice === deleted) return;
    focusedNotice = deleted;
    region.current?.querySelector<HTMLButtonElement>('[data-toast-action="undo"]')?.focus();
  }, [deleted]);

  if (!deleted) return <Region refObject={region} />;

  const focusInside = (): boolean => region.current?.contains(document.activeElement) ?? false;
  const close = (): void => {
    const hadFocus = focusInside();
    forgetDeleted();
    // The keyboard keeps its place: the conversation now where the deleted one was.
    if (hadFocus && !focusListItem(list.current, deleted.index)) search?.current?.focus();
  };
  const undo = async (): Promise<void> => {
    if (undoing.current) return;
    undoing.current = true;
    const hadFocus = focusInside();
    const error = await undoDelete();
    undoing.current = false;
    if (error) {
      if (hadFocus) region.current?.querySelector<HTMLButtonElement>('[data-toast-action="dismiss"]')?.focus();
      return;
    }
    const id = deleted.conversation.id;
    if (deleted.wasOpen) useNavStore.getState().go('chat', id);
    if (hadFocus) {
      const item = Array.from(list.current?.querySelectorAll<HTMLElement>('[data-conversation-id]') ?? []).find((e) => e.dataset.conversationId === id);
      item?.querySelector<HTMLButtonElement>('.conversation-open')?.focus();
    }
  };

  const title = deleted.conversation.title || 'Untitled';
  return (
    <Region refObject={region}>
      <UndoToast
        message={
          <>
            <span className="toast-title">Conversation deleted</span>
            <span className="visually-hidden">: </span>
            <span className="toast-detail">{title}</span>
          </>
        }
        until={deleted.until}
        onUndo={() => void undo()}
        onClose={close}
        undoTitle={`Bring back “${title}” with its messages`}
        error={deleted.error ? `Could not undo: ${deleted.error.message}` : null}
      />
    </Region>
  );
}

function Region({ refObject, children }: { refObject: RefObject<HTMLDivElement | null>; children?: ReactNode }) {
  return (
    <div ref={refObject} className="toast-anchor">
      <UndoRegion>{children}</UndoRegion>
    </div>
  );
}

/** Focuses the open button of the list's item at `index` (or the last one); false when the list is empty. */
function focusListItem(list: HTMLUListElement | null, index: number): boolean {
  const buttons = list?.querySelectorAll<HTMLButtonElement>('.conversation-open');
  const target = buttons?.[Math.min(index, buttons.length - 1)];
  target?.focus();
  return target !== undefined;
}
