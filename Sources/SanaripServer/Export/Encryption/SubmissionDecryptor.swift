import Crypto
import CryptoExtras
import Foundation
import SanaripInstrument

/// Decrypts the submissions ODK Collect encrypts with a form's `public_key`, as ODK Central and Briefcase do
/// (ODK XForms spec, "Encrypted forms"; Collect's `EncryptionUtils`):
///
/// 1. the manifest's `base64EncryptedKey` is the 256-bit AES key under RSA-OAEP (SHA-256, MGF1 SHA-256);
/// 2. file *i* (the `media` files in the manifest's order, then `encryptedXmlFile` last) is AES-256-CFB with
///    PKCS#7 padding; its IV is MD5(instanceID ‖ key) with byte `j % 16` incremented for each `j ≤ i`;
/// 3. `base64EncryptedElementSignature` is, under RSA-OAEP, the MD5 of the lines formID, version (when the
///    manifest has one), base64EncryptedKey, instanceID, then `name::md5` of each decrypted file (media by their
///    names without `.enc`, then `submission.xml`): a submission that fails it was altered and is refused.
///
/// The private key is used in memory only, never stored.
public struct SubmissionDecryptor: Sendable {
    /// The private key's DER bytes (the key type itself is not `Sendable`; it is rebuilt where it is used).
    private let keyDER: Data

    /// Reads a PEM private key (PKCS#1 `RSA PRIVATE KEY` or PKCS#8 `PRIVATE KEY`, unencrypted).
    public init(privateKeyPEM pem: String) throws(SubmissionDecryptionError) {
        do {
            keyDER = try _RSA.Encryption.PrivateKey(unsafePEMRepresentation: pem).derRepresentation
        } catch {
            throw .unreadableKey
        }
    }

    /// RSA-OAEP (SHA-256, MGF1 SHA-256) decryption with the private key; nil when it fails.
    private func rsaDecrypt(_ data: Data) -> Data? {
        guard let key = try? _RSA.Encryption.PrivateKey(unsafeDERRepresentation: keyDER) else { return nil }
        return try? key.decrypt(data, padding: .PKCS1_OAEP_SHA256)
    }

    /// One submission's cleartext: its XML and its media files by name (without `.enc`).
    public struct Cleartext: Sendable {
        public var xml: Data
        public var media: [(name: String, data: Data)]
    }

    /// Decrypts the submission whose manifest is `manifest`; `file` gives the bytes of an attachment by its
    /// name in the manifest (nil when it has not arrived).
    public func decrypt(manifest: Data, file: (String) throws -> Data?) throws -> Cleartext {
        let document: SubmissionDocument
        do {
            document = try SubmissionDocument(xml: manifest)
        } catch {
            throw SubmissionDecryptionError.notAManifest(instanceID: "?")
        }
        let root = document.root
        let instanceID = document.instanceID
        func text(_ name: String) -> String? {
            root.child(name)?.text.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
        }
        guard document.isEncrypted, let encryptedKey = text("base64EncryptedKey"), let xmlName = text("encryptedXmlFile") else {
            throw SubmissionDecryptionError.notAManifest(instanceID: instanceID)
        }
        let mediaNames = root.children.filter { $0.name == "media" }.compactMap { $0.child("file")?.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        let key = try symmetricKey(encryptedKey, instanceID: instanceID)
        let ivs = Self.ivs(instanceID: instanceID, key: key, count: mediaNames.count + 1)
        var counter = 0
        func next(_ name: String) throws -> Data {
            defer { counter += 1 }
            guard let encrypted = try file(name) else { throw SubmissionDecryptionError.missingFile(instanceID: instanceID, name: name) }
            guard let clear = try Self.cleartext(encrypted, key: key, iv: ivs[counter]) else {
                throw SubmissionDecryptionError.damaged(instanceID: instanceID, name: name)
            }
            return clear
        }
        var media: [(name: String, data: Data)] = []
        for name in mediaNames {
            media.append((Self.plainName(name), try next(name)))
        }
        let xml = try next(xmlName)
        var lines = [document.formID]
        if root.attributes["version"] != nil { lines.append(document.version) }
        lines += [encryptedKey, instanceID]
        lines += media.map { "\($0.name)::\(HexDigest.md5($0.data))" }
        lines.append("\(Self.plainName(xmlName))::\(HexDigest.md5(xml))")
        let expected = Data(Insecure.MD5.hash(data: Data(lines.map { $0 + "\n" }.joined().utf8)))
        guard let signature = text("base64EncryptedElementSignature").flatMap({ Data(base64Encoded: $0, options: .ignoreUnknownCharacters) }),
            let signed = rsaDecrypt(signature), signed == expected
        else {
            throw SubmissionDecryptionError.badSignature(instanceID: instanceID)
        }
        return Cleartext(xml: xml, media: media)
    }

    /// The 32-byte AES key from the manifest's `base64EncryptedKey` (RSA-OAEP, SHA-256 and MGF1 SHA-256).
    func symmetricKey(_ base64: String, instanceID: String) throws(SubmissionDecryptionError) -> Data {
        guard let encrypted = Data(base64Encoded: base64, options: .ignoreUnknownCharacters),
            let key = rsaDecrypt(encrypted), key.count == 32
        else {
            throw .wrongKey(instanceID: instanceID)
        }
        return key
    }

    /// The IVs of the first `count` files: MD5(instanceID ‖ key), then byte `i % 16` incremented for file `i`.
    static func ivs(instanceID: String, key: Data, count: Int) -> [[UInt8]] {
        var seed = [UInt8](Insecure.MD5.hash(data: Data(instanceID.utf8) + key))
        return (0..<count).map { index in
            seed[index % 16] &+= 1
            return seed
        }
    }

    /// One file's cleartext: AES-256-CFB (128-bit segments), then the PKCS#7 padding removed; nil when the
    /// padding is wrong (another key, or a damaged file).
    static func cleartext(_ encrypted: Data, key: Data, iv: [UInt8]) throws -> Data? {
        let padded = try AES._CFB.decrypt(encrypted, using: SymmetricKey(data: key), iv: AES._CFB.IV(ivBytes: iv))
        guard let last = padded.last, (1...16).contains(last), padded.count >= Int(last),
            padded.suffix(Int(last)).allSatisfy({ $0 == last })
        else {
            return nil
        }
        return Data(padded.prefix(padded.count - Int(last)))
    }

    /// `photo.jpg` for `photo.jpg.enc`.
    static func plainName(_ name: String) -> String {
        name.hasSuffix(".enc") ? String(name.dropLast(4)) : name
    }
}

/// Why an encrypted submission could not be decrypted.
public enum SubmissionDecryptionError: Error, CustomStringConvertible, Equatable {
    case unreadableKey
    case notAManifest(instanceID: String)
    case wrongKey(instanceID: String)
    case missingFile(instanceID: String, name: String)
    case damaged(instanceID: String, name: String)
    case badSignature(instanceID: String)

    public var description: String {
        switch self {
        case .unreadableKey:
            "the private key is not an unencrypted RSA private key in PEM form (-----BEGIN RSA PRIVATE KEY----- or -----BEGIN PRIVATE KEY-----). Give the key whose public half is the form's public_key."
        case .notAManifest(let instanceID):
            "submission \(instanceID) is not an encrypted submission's manifest (base64EncryptedKey and encryptedXmlFile are missing)."
        case .wrongKey(let instanceID):
            "the private key does not decrypt submission \(instanceID): it is not the key of the form's public_key (or the submission is damaged). Give the matching private key."
        case .missingFile(let instanceID, let name):
            "submission \(instanceID) has not received its encrypted file \(name) yet; Collect sends it again until it arrives."
        case .damaged(let instanceID, let name):
            "the file \(name) of submission \(instanceID) does not decrypt (its padding is wrong): it was damaged on the way. It is left out."
        case .badSignature(let instanceID):
            "submission \(instanceID) does not match its signature: its files were altered after Collect encrypted them. It is left out."
        }
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
