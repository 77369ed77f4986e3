using System.Text;
using System.Text.Encodings.Web;
using Crm.Grains.Interfaces.Forms;

namespace Crm.Web.Forms;

/// <summary>
/// The public page of a form: plain HTML any site can link to or show in an iframe. Every text of the
/// portal's is HTML-encoded; the one script (nonce-bound under the page's CSP) posts the fields as JSON
/// and shows the answer, or the error next to its field, as text.
/// </summary>
public static class WebFormPage
{
    public static string Render(int portalId, WebForm form, string nonce)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{e.Encode(form.Name)}}</title>
            <style>
              body { font-family: system-ui, sans-serif; margin: 0; padding: 16px; color: #222; }
              form { max-width: 420px; display: grid; gap: 10px; }
              label { display: grid; gap: 4px; font-size: 14px; }
              input, textarea { font: inherit; padding: 8px; border: 1px solid #bbb; border-radius: 4px; }
              button { font: inherit; padding: 10px; border: 0; border-radius: 4px; background: #2f6fde; color: #fff; cursor: pointer; }
              .error { color: #b00020; font-size: 13px; min-height: 1em; }
              .done { font-size: 16px; }
              [hidden] { display: none !important; }
            </style></head>
            <body>
            <h1 style="font-size:20px">{{e.Encode(form.Name)}}</h1>
            <form id="crm-form" data-action="/api/public/forms/{{portalId}}/{{e.Encode(form.Id)}}/entries" novalidate>
            """);
        if (form.AskName) Field(html, "name", "Your name", "text", "name");
        if (form.AskEmail) Field(html, "email", "E-mail", "email", "email");
        if (form.AskPhone) Field(html, "phone", "Phone", "tel", "tel");
        if (form.AskMessage)
            html.Append("""<label>Message<textarea name="message" rows="4" maxlength="4000"></textarea><span class="error" data-for="message"></span></label>""");
        html.Append($$"""
            <span class="error" data-for=""></span>
            <button type="submit">Send</button>
            </form>
            <p class="done" id="crm-done" hidden></p>
            <script nonce="{{nonce}}">
            (function () {
              var form = document.getElementById('crm-form');
              form.addEventListener('submit', async function (event) {
                event.preventDefault();
                form.querySelectorAll('.error').forEach(function (s) { s.textContent = ''; });
                var body = {};
                new FormData(form).forEach(function (value, key) { body[key] = value; });
                var button = form.querySelector('button');
                button.disabled = true;
                try {
                  var response = await fetch(form.dataset.action, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
                  var answer = await response.json().catch(function () { return {}; });
                  if (response.ok) {
                    form.hidden = true;
                    var done = document.getElementById('crm-done');
                    done.textContent = answer.message;
                    done.hidden = false;
                  } else {
                    var slot = form.querySelector('.error[data-for="' + (answer.field || '') + '"]') || form.querySelector('.error[data-for=""]');
                    slot.textContent = answer.detail || 'The form could not be sent; please try again.';
                  }
                } finally { button.disabled = false; }
              });
            })();
            </script>
            </body></html>
            """);
        return html.ToString();
    }

    private static void Field(StringBuilder html, string name, string label, string type, string autocomplete) =>
        html.Append($$"""<label>{{label}}<input name="{{name}}" type="{{type}}" autocomplete="{{autocomplete}}" maxlength="100"><span class="error" data-for="{{name}}"></span></label>""");
}
