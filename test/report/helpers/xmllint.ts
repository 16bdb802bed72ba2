/**
 * libxml2's xmllint as WebAssembly (npm xmllint-wasm): the JUnit schema check and the well-formedness
 * check run with nothing installed on the system. The same answers as the xmllint command line: the
 * file name in each message, "validates" on success.
 */
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

export interface XmllintResult {
  valid: boolean;
  /** xmllint's messages, one per line (empty when valid). */
  messages: string;
}

const result = (r: { valid: boolean; errors: ReadonlyArray<{ rawMessage: string }> }): XmllintResult => ({
  valid: r.valid,
  messages: r.errors.map((e) => e.rawMessage).join('\n'),
});

/** `xmllint --noout --schema xsd file`. */
export async function xmllintSchema(xml: string, xsdFile: string): Promise<XmllintResult> {
  return result(
    await validateXML({
      xml: { fileName: 'junit.xml', contents: xml },
      schema: { fileName: 'schema.xsd', contents: readFileSync(xsdFile, 'utf8') },
    }),
  );
}

/** `xmllint --noout file`: well-formed XML (libxml2's parser, stricter than a JavaScript one). */
export async function xmllintWellFormed(xml: string): Promise<XmllintResult> {
  return result(await validateXML({ xml: { fileName: 'junit.xml', contents: xml }, normalization: 'format' }));
}
