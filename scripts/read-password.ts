/**
 * A password for a command-line tool, never echoed and never passed as an argument (arguments
 * show in `ps` and in shell history): typed at a prompt in a terminal, or the first line of
 * standard input when it is a pipe or a file (`pass show atlas/admin | npm run user:add …`).
 */
export async function readPassword(prompt: string): Promise<string> {
  if (!process.stdin.isTTY) return readFirstLine();
  const password = await promptHidden(prompt);
  const again = await promptHidden('the same again: ');
  if (password !== again) throw new Error('the two passwords differ; nothing was changed');
  return password;
}

async function readFirstLine(): Promise<string> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    text += chunk;
    if (text.includes('\n')) break;
  }
  const line = text.split(/\r?\n/)[0];
  if (!line) throw new Error('no password on standard input: pipe one in, type it in a terminal, or use --generate');
  return line;
}

/** A prompt on stderr; the terminal in raw mode, so what is typed is not shown. */
function promptHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: Error) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === '\r' || character === '\n' || character === '\u0004') return finish();
        if (character === '\u0003') return finish(new Error('cancelled; nothing was changed'));
        if (character === '\u007f' || character === '\b') value = [...value].slice(0, -1).join('');
        else if (character >= ' ') value += character;
      }
    };
    // Echo goes off before the prompt shows, so nothing typed in answer to it is ever displayed.
    input.setEncoding('utf8');
    input.setRawMode(true);
    input.resume();
    input.on('data', onData);
    process.stderr.write(prompt);
  });
}
