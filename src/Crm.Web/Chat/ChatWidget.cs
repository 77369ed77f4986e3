namespace Crm.Web.Chat;

/// <summary>
/// The embeddable widget (<c>/chat/widget.js</c>): a button at the bottom right of the host page that
/// opens the portal's chat window in a frame. Embed with
/// <c>&lt;script src="https://crm.example.com/chat/widget.js" data-portal="1" async&gt;&lt;/script&gt;</c>.
/// </summary>
public static class ChatWidget
{
    public const string Script = """
        (() => {
          const script = document.currentScript;
          const portal = script && script.getAttribute("data-portal");
          if (!portal) { console.error("CRM chat: the script tag needs data-portal"); return; }
          const origin = new URL(script.src).origin;
          const frame = document.createElement("iframe");
          frame.src = `${origin}/chat/${encodeURIComponent(portal)}`;
          frame.title = "Chat";
          frame.setAttribute("data-crm-chat", "frame");
          frame.style.cssText = "position:fixed;right:20px;bottom:84px;width:360px;height:520px;max-height:75vh;border:0;border-radius:10px;" +
            "box-shadow:0 6px 24px rgba(0,0,0,.25);z-index:2147483646;display:none;background:#fff";
          const button = document.createElement("button");
          button.type = "button";
          button.textContent = "Chat with us";
          button.setAttribute("data-crm-chat", "open");
          button.style.cssText = "position:fixed;right:20px;bottom:20px;z-index:2147483647;padding:12px 18px;border:0;border-radius:24px;" +
            "background:#1976d2;color:#fff;font:600 14px system-ui,sans-serif;cursor:pointer;box-shadow:0 3px 12px rgba(0,0,0,.25)";
          button.addEventListener("click", () => { frame.style.display = frame.style.display === "none" ? "block" : "none"; });
          const add = () => document.body.append(frame, button);
          if (document.body) add(); else document.addEventListener("DOMContentLoaded", add);
        })();
        """;
}
