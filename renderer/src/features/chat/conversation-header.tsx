// The open conversation's title, what it cost against the verifier alone, and its export.
import type { ConversationSummary, MessageView } from '../../../../shared/api/contract.ts';
import { Button } from '../../components/button.tsx';
import { DownloadIcon } from '../../components/icons.tsx';
import { downloadFile } from '../../lib/download.ts';
import { conversationFigures } from './conversation-figures.ts';
import { conversationMarkdown, markdownFileName } from './export-markdown.ts';

export function ConversationHeader({ conversation, messages }: { conversation: ConversationSummary | null; messages: MessageView[] }) {
  const figures = conversation ? conversationFigures(conversation) : null;
  return (
    <header className="chat-header">
      <h1 className="chat-title" title={conversation?.title}>
        {conversation?.title ?? 'New chat'}
      </h1>
      {conversation && figures && conversation.messageCount > 0 && (
        <div className="chat-header-end">
          <div className="chat-figures" data-testid="conversation-figures">
            <span title={figures.unpriced ? `${figures.unpriced.note} Set a price in Models & Settings.` : 'What this conversation cost so far'}>
              spent <strong>{figures.spent}</strong>
              {figures.unpriced && <span className="figure-unpriced"> {figures.unpriced.mark}</span>}
            </span>
            {figures.comparison && (
              <>
                <span className="figure-baseline" title="What the verifier alone would have cost">
                  verifier alone <strong>{figures.comparison.baseline}</strong>
                </span>
                {/* A narrow conversation hides "verifier alone" (chat.css): the saving still names it. */}
                <span className={conversation.savingsUsd > 0 ? 'good' : ''} title={`Saved by answering with cheaper models: the verifier alone would have cost ${figures.comparison.baseline}`}>
                  saved <strong>{figures.comparison.saved}</strong>
                </span>
              </>
            )}
          </div>
          <Button
            size="sm"
            variant="ghost"
            icon={<DownloadIcon />}
            aria-label="Export the conversation as Markdown"
            title="Export the conversation as Markdown"
            data-testid="export-conversation"
            onClick={() => downloadFile(markdownFileName(conversation.title), 'text/markdown', conversationMarkdown(conversation, messages, new Date()))}
          />
        </div>
      )}
    </header>
  );
}
