#!/usr/bin/env node
// Encrypts a submission as ODK Collect does for a form with a public_key (Collect's EncryptionUtils; ODK XForms
// spec "Encrypted forms"), written from that algorithm with Node's own crypto, independently of Sanarip's Swift
// decryptor, so tests can check the decryptor against it.
//
//   node scripts/collect-encrypt.mjs PUBLIC_KEY_BASE64_FILE SUBMISSION.xml OUT_DIR [MEDIA_FILE...] [--tamper]
//
// Writes OUT_DIR/submission.xml (the manifest Collect posts as xml_submission_file), OUT_DIR/NAME.enc for each
// media file and OUT_DIR/submission.xml.enc. --tamper signs a wrong digest (a manifest whose files were altered).
import { createCipheriv, createHash, createPublicKey, publicEncrypt, randomBytes, constants } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const args = process.argv.slice(2).filter((a) => a !== '--tamper');
const tamper = process.argv.includes('--tamper');
const [keyFile, xmlFile, outDir, ...mediaFiles] = args;
const publicKey = createPublicKey(`-----BEGIN PUBLIC KEY-----\n${readFileSync(keyFile, 'utf8').trim()}\n-----END PUBLIC KEY-----\n`);
const xml = readFileSync(xmlFile);
const text = xml.toString('utf8');
const formId = /<[^?!][^>]*\sid="([^"]+)"/.exec(text)[1];
const versionMatch = /<[^?!][^>]*\sversion="([^"]+)"/.exec(text);
const version = versionMatch ? versionMatch[1] : null;
const instanceId = /<(?:\w+:)?instanceID>([^<]+)</.exec(text)[1];

// RSA/NONE/OAEPWithSHA256AndMGF1Padding (Bouncy Castle: SHA-256 for OAEP and MGF1).
const oaep = (data) => publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' }, data);
const md5 = (data) => createHash('md5').update(data).digest();
const key = randomBytes(32);
const encryptedKey = oaep(key).toString('base64');
const iv = md5(Buffer.concat([Buffer.from(instanceId, 'utf8'), key]));
let counter = 0;
// AES/CFB/PKCS5Padding: PKCS#7 padding to 16 bytes, then AES-256-CFB (128-bit segments); the IV's byte
// counter % 16 is incremented before each file.
const encrypt = (data) => {
  iv[counter % 16] = (iv[counter % 16] + 1) & 0xff;
  counter += 1;
  const pad = 16 - (data.length % 16);
  const cipher = createCipheriv('aes-256-cfb', key, Buffer.from(iv));
  return Buffer.concat([cipher.update(Buffer.concat([data, Buffer.alloc(pad, pad)])), cipher.final()]);
};

mkdirSync(outDir, { recursive: true });
const signature = [formId, ...(version === null ? [] : [version]), encryptedKey, instanceId];
let media = '';
for (const file of mediaFiles) {
  const data = readFileSync(file);
  signature.push(`${basename(file)}::${md5(data).toString('hex')}`);
  writeFileSync(join(outDir, `${basename(file)}.enc`), encrypt(data));
  media += `<media><file>${basename(file)}.enc</file></media>\n`;
}
signature.push(`submission.xml::${md5(xml).toString('hex')}`);
writeFileSync(join(outDir, 'submission.xml.enc'), encrypt(xml));
const digest = md5(Buffer.from(signature.map((line) => `${line}\n`).join('') + (tamper ? 'altered' : ''), 'utf8'));
const manifest = `<data xmlns="http://www.opendatakit.org/xforms/encrypted" id="${formId}"${version === null ? '' : ` version="${version}"`} encrypted="yes">`
  + `<base64EncryptedKey>${encryptedKey}</base64EncryptedKey>`
  + `<orx:meta xmlns:orx="http://openrosa.org/xforms"><orx:instanceID>${instanceId}</orx:instanceID></orx:meta>\n`
  + media
  + '<encryptedXmlFile>submission.xml.enc</encryptedXmlFile>'
  + `<base64EncryptedElementSignature>${oaep(digest).toString('base64')}</base64EncryptedElementSignature></data>`;
writeFileSync(join(outDir, 'submission.xml'), manifest);
