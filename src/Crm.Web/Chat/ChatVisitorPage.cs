namespace Crm.Web.Chat;

/// <summary>
/// The visitor's chat window (<c>/chat/{portalId}</c>), shown in the widget's frame on any website or
/// opened on its own. Everything anyone typed is put on the page as text (textContent), never as markup.
/// </summary>
public static class ChatVisitorPage
{
    public static string Render(int portalId, string nonce) => $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Chat</title>
        <style nonce="{{nonce}}">
          body { font-family: system-ui, sans-serif; margin: 0; display: flex; flex-direction: column; height: 100vh; background: #f5f7fa; }
          header { background: #1976d2; color: #fff; padding: 10px 14px; font-weight: 600; }
          #details { padding: 8px 14px; background: #fff; border-bottom: 1px solid #ddd; display: grid; gap: 6px; }
          #details input, textarea { font: inherit; padding: 6px 8px; border: 1px solid #bbb; border-radius: 4px; }
          #messages { flex: 1; overflow-y: auto; padding: 10px 14px; }
          .message { max-width: 80%; margin: 6px 0; padding: 6px 10px; border-radius: 8px; background: #fff; white-space: pre-wrap; overflow-wrap: anywhere; }
          .message.visitor { margin-left: auto; background: #d7ebff; }
          .message small { display: block; color: #666; font-size: 11px; }
          #status { min-height: 18px; padding: 0 14px; color: #666; font-size: 12px; }
          #error { color: #b00020; padding: 0 14px; font-size: 13px; }
          form#send { display: flex; gap: 6px; padding: 8px 14px 12px; background: #fff; border-top: 1px solid #ddd; }
          textarea { flex: 1; resize: none; height: 42px; }
          button { background: #1976d2; color: #fff; border: 0; border-radius: 4px; padding: 0 16px; font: inherit; cursor: pointer; }
        </style>
        </head>
        <body>
        <header>Chat with us</header>
        <div id="details" data-testid="chat-details">
          <input id="name" maxlength="100" placeholder="Your name (optional)" data-testid="chat-name">
          <input id="email" type="email" placeholder="E-mail (optional)" data-testid="chat-email">
          <input id="phone" type="tel" placeholder="Phone (optional)" data-testid="chat-phone">
        </div>
        <div id="messages" data-testid="chat-messages"></div>
        <div id="status" data-testid="chat-status"></div>
        <div id="error" role="alert" data-testid="chat-error"></div>
        <form id="send">
          <textarea id="text" maxlength="2000" placeholder="Write a message" data-testid="chat-text"></textarea>
          <button type="submit" data-testid="chat-send">Send</button>
        </form>
        <script nonce="{{nonce}}">
        (() => {
          const portal = {{portalId}};
          const storageKey = "crm-chat-" + portal;
          const $ = id => document.getElementById(id);
          let token = localStorage.getItem(storageKey);
          let conversation = null;
          let lastTyping = 0;
          let typingTimer = null;

          async function call(path, body) {
            const response = await fetch(path, { method: "POST", headers: { "Content-Type": "application/json", "X-Chat-Session": token }, body: JSON.stringify(body ?? {}) });
            if (!response.ok) {
              const problem = await response.json().catch(() => ({}));
              throw new Error(problem.detail || problem.title || "Something went wrong; please try again.");
            }
            return response.status === 204 ? null : response.json();
          }

          async function session() {
            if (token) return;
            const response = await fetch(`/api/public/chat/${portal}/sessions`, { method: "POST" });
            if (!response.ok) throw new Error("The chat is not available.");
            token = (await response.json()).token;
            localStorage.setItem(storageKey, token);
          }

          function render() {
            const list = $("messages");
            list.replaceChildren(...(conversation?.messages ?? []).map(m => {
              const item = document.createElement("div");
              item.className = "message " + m.from;
              item.dataset.testid = "chat-message";
              const who = document.createElement("small");
              who.textContent = m.from === "visitor" ? "You" : (m.operatorName || "Operator");
              const text = document.createElement("div");
              text.textContent = m.text;
              item.append(who, text);
              return item;
            }));
            list.scrollTop = list.scrollHeight;
            const mine = (conversation?.messages ?? []).filter(m => m.from === "visitor");
            const seen = mine.length > 0 && conversation.operatorReadUpTo >= mine[mine.length - 1].id;
            $("status").textContent = conversation?.closed ? "The conversation was closed. Write again to start a new one."
              : seen ? "Seen" : "";
            if (conversation?.visitor?.name) $("name").value ||= conversation.visitor.name;
          }

          async function markRead() {
            const last = conversation?.messages?.at(-1);
            if (!last || last.from !== "operator" || document.hidden) return;
            try { await call("/api/public/chat/read", { messageId: last.id }); } catch { /* a receipt is not worth an error */ }
          }

          function listen() {
            const events = new EventSource(`/api/public/chat/events?session=${encodeURIComponent(token)}`);
            events.addEventListener("chat", e => {
              const change = JSON.parse(e.data);
              if (change.what === "typing") {
                $("status").textContent = `${change.conversation.operatorName || "Operator"} is typing…`;
                clearTimeout(typingTimer);
                typingTimer = setTimeout(render, 4000);
                return;
              }
              conversation = change.conversation;
              render();
              markRead();
            });
          }

          $("send").addEventListener("submit", async e => {
            e.preventDefault();
            const text = $("text").value;
            $("error").textContent = "";
            try {
              await session();
              const first = conversation === null;
              conversation = await call("/api/public/chat/messages", { text, name: $("name").value, email: $("email").value, phone: $("phone").value });
              $("text").value = "";
              render();
              if (first) listen();
            } catch (error) {
              $("error").textContent = error.message;
            }
          });
          $("text").addEventListener("keydown", e => {
            if (e.key === "Enter" && !e.shiftKey) { e.preventDefault(); $("send").requestSubmit(); }
          });
          $("text").addEventListener("input", () => {
            if (!token || !conversation || conversation.closed || Date.now() - lastTyping < 3000) return;
            lastTyping = Date.now();
            call("/api/public/chat/typing").catch(() => {});
          });
          document.addEventListener("visibilitychange", markRead);

          if (token) {
            fetch("/api/public/chat/conversation", { headers: { "X-Chat-Session": token } })
              .then(r => r.ok ? r.json() : null)
              .then(c => { conversation = c; render(); listen(); })
              .catch(() => { token = null; localStorage.removeItem(storageKey); });
          }
        })();
        </script>
        </body>
        </html>
        """;
}
