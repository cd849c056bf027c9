/**
 * Reads one uploaded file from a multipart/form-data request (what
 * wx.uploadFile and Taro.uploadFile send). The size cap is enforced while
 * streaming, so an oversized file is never held whole in memory.
 */
import busboy from 'busboy';
import type { VercelRequest } from '@vercel/node';
import { AppError } from '../../../shared/errors';

export interface UploadedFile {
  fieldName: string;
  fileName: string;
  declaredType: string;
  bytes: Buffer;
}

export async function readSingleFile(req: VercelRequest, fieldName: string, maxBytes: number): Promise<UploadedFile> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.toLowerCase().startsWith('multipart/form-data')) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '请以 multipart/form-data 上传文件', { contentType });
  }

  return new Promise<UploadedFile>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { files: 1, fileSize: maxBytes, fields: 10 } });
    } catch (error) {
      reject(new AppError('VALIDATION_FAILED', '上传内容格式不正确', undefined, { cause: error }));
      return;
    }

    let found: UploadedFile | undefined;
    let failure: AppError | undefined;

    parser.on('file', (name, stream, info) => {
      if (name !== fieldName) {
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      // A body cut off mid-file makes busboy emit 'error' on the file stream; unhandled, it ends the process.
      stream.on('error', (error) => {
        failure ??= new AppError('VALIDATION_FAILED', '上传的内容不完整，请重新上传', undefined, { cause: error });
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        const megabytes = (maxBytes / 1024 / 1024).toFixed(0);
        failure = new AppError('PAYLOAD_TOO_LARGE', `照片不能超过 ${megabytes} MB，请压缩后再上传`, { maxBytes });
      });
      stream.on('end', () => {
        if (!failure) {
          found = {
            fieldName: name,
            fileName: info.filename ?? '',
            declaredType: info.mimeType,
            bytes: Buffer.concat(chunks),
          };
        }
      });
    });
    parser.on('error', (error) => {
      const incomplete = error instanceof Error && /Unexpected end of form/i.test(error.message);
      const message = incomplete ? '上传的内容不完整，请重新上传' : '上传内容格式不正确';
      reject(failure ?? new AppError('VALIDATION_FAILED', message, undefined, { cause: error }));
    });
    parser.on('close', () => {
      if (failure) reject(failure);
      else if (!found)
        reject(
          new AppError('VALIDATION_FAILED', `缺少上传的文件（字段 ${fieldName}）`, {
            fields: { [fieldName]: '请选择要上传的照片' },
          }),
        );
      else resolve(found);
    });

    req.pipe(parser);
  });
}

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';

/** The image type from the file's first bytes; the name and declared type are not trusted. */
export function sniffImageType(bytes: Buffer): ImageType | undefined {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'image/png';
  }
  if (bytes.length >= 12 && bytes.toString('ascii', 0, 4) === 'RIFF' && bytes.toString('ascii', 8, 12) === 'WEBP') {
    return 'image/webp';
  }
  return undefined;
}
