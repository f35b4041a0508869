// A picked file's bytes as base64, for upload channels (feeds, malware lists) that carry files in JSON.
export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  // String.fromCharCode takes arguments: chunks keep it under the engine's argument limit.
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
