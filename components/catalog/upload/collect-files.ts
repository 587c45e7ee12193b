// Turns a drop into a flat list of files, walking into dropped folders (a TF.js export is usually
// a folder). Hidden files such as .DS_Store are left out of folders and reported, not uploaded.

async function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  const all: FileSystemEntry[] = [];
  // readEntries returns at most ~100 entries per call; keep reading until it returns none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

async function walk(entry: FileSystemEntry, files: File[], skipped: string[], inFolder: boolean): Promise<void> {
  if (inFolder && entry.name.startsWith('.')) {
    skipped.push(entry.name);
    return;
  }
  if (entry.isFile) {
    files.push(await fileOf(entry as FileSystemFileEntry));
  } else if (entry.isDirectory) {
    for (const child of await readAllEntries((entry as FileSystemDirectoryEntry).createReader())) await walk(child, files, skipped, true);
  }
}

export type Collected = { files: File[]; skipped: string[] };

/** Must be called inside the drop handler: the browser empties `items` once the event returns. */
export function collectDroppedFiles(data: DataTransfer): Promise<Collected> {
  const entries = [...data.items].map((item) => (item.kind === 'file' ? item.webkitGetAsEntry?.() : null));
  if (entries.length === 0 || entries.some((e) => !e)) {
    // No entry API (or a non-file item): take the plain file list.
    return Promise.resolve({ files: [...data.files], skipped: [] });
  }
  return (async () => {
    const files: File[] = [];
    const skipped: string[] = [];
    for (const entry of entries) if (entry) await walk(entry, files, skipped, false);
    return { files, skipped };
  })();
}

/** Files picked from a folder input: the same hidden-file rule as a dropped folder. */
export function collectPickedFiles(list: FileList | null, fromFolder: boolean): Collected {
  const files: File[] = [];
  const skipped: string[] = [];
  for (const file of list ?? []) {
    if (fromFolder && file.name.startsWith('.')) skipped.push(file.name);
    else files.push(file);
  }
  return { files, skipped };
}
