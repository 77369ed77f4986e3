// The stream's rich-text editor: a contenteditable box whose HTML the server sanitises.
// Remembers the caret, so a mention picked from a list lands where the author was typing.
const ranges = new WeakMap();

export function attach(el, html) {
    el.innerHTML = html || "";
    document.addEventListener("selectionchange", () => {
        const selection = document.getSelection();
        if (selection.rangeCount && el.contains(selection.anchorNode)) ranges.set(el, selection.getRangeAt(0).cloneRange());
    });
}

export function format(el, command) {
    el.focus();
    restore(el);
    document.execCommand(command, false, null);
}

export function insertMention(el, kind, id, name) {
    el.focus();
    restore(el);
    const mention = document.createElement("a");
    mention.setAttribute("data-mention", `${kind}:${id}`);
    mention.textContent = `@${name}`;
    const space = document.createTextNode("\u00a0");
    const selection = document.getSelection();
    if (selection.rangeCount && el.contains(selection.anchorNode)) {
        const range = selection.getRangeAt(0);
        range.deleteContents();
        range.insertNode(space);
        range.insertNode(mention);
        range.setStartAfter(space);
        range.collapse(true);
        selection.removeAllRanges();
        selection.addRange(range);
    } else {
        el.append(mention, space);
    }
}

export function html(el) {
    return el.innerHTML;
}

export function clear(el) {
    el.innerHTML = "";
}

function restore(el) {
    const range = ranges.get(el);
    if (!range) return;
    const selection = document.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
}
