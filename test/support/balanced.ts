// What the message tests ask of a first sentence: it does not end inside parentheses or quotes.

/** Whether every parenthesis, bracket and quote that `text` opens is closed (JSON's \" is no quote). */
export function balanced(text: string): boolean {
  const open: string[] = [];
  const pairs: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  for (const c of text.replace(/\\./g, "")) {
    if (c === '"') {
      if (open.at(-1) === '"') open.pop();
      else open.push(c);
    } else if (open.at(-1) !== '"' && "([{".includes(c)) open.push(c);
    else if (open.at(-1) !== '"' && pairs[c]) {
      if (open.pop() !== pairs[c]) return false;
    }
  }
  return open.length === 0;
}
