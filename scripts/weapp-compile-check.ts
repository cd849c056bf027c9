/**
 * Compiles the weapp build with miniprogram-ci, the compiler taken out of WeChat DevTools,
 * and runs its code-quality scan, all without a network connection. Exits 1 on a compile error
 * or a failed package size check. The build must already exist (`npm run build:weapp`).
 *
 * Usage: npx tsx scripts/weapp-compile-check.ts
 *
 * miniprogram-ci is about 280 MB, so it is not a project dependency: the first run installs it
 * into .data/miniprogram-ci (override with MINIPROGRAM_CI_DIR).
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const CI_VERSION = '2.1.42';
const root = path.resolve(__dirname, '..');
const toolsDir = process.env.MINIPROGRAM_CI_DIR ?? path.join(root, '.data', 'miniprogram-ci');

/** The subset of miniprogram-ci's API used here. */
interface MiniprogramCi {
  Project: new (options: {
    appid: string;
    type: 'miniProgram';
    projectPath: string;
    privateKey: string;
    attr: () => Promise<typeof PROJECT_ATTR>;
  }) => object;
  proxy(url: string): void;
  getCompiledResult(options: {
    project: object;
    setting: Record<string, boolean>;
  }): Promise<Record<string, string | Buffer>>;
  checkCodeQuality(project: object): Promise<QualityCheckResult[]>;
}

interface QualityCheckResult {
  name: string;
  success: boolean;
  text: string;
  detail?: unknown;
}

// CIProject.attr() normally posts the appid, signed with the account's upload key, to WeChat's
// /wxa/ci/getattr to fetch the account's limits, which fails offline and without a registered key.
// The project instead gets the attributes of an ordinary mini-program: the DefaultProjectAttr that
// miniprogram-ci 2.1.42 ships, plus gameApp. The compiler reads gameApp (mini-game or mini-program),
// platform (third-party ext.json), appType (navigateToMiniProgram app ids) and the tabBar and
// subpackage limits in setting.
const PROJECT_ATTR = {
  platform: false,
  appType: 0,
  isSandbox: false,
  released: false,
  gameApp: false,
  setting: {
    MaxCodeSize: 2,
    MaxSubpackageSubCodeSize: 2,
    MaxSubpackageFullCodeSize: 12,
    NavigateMiniprogramLimit: 10,
    MaxSubPackageLimit: 100,
    MinTabbarCount: 2,
    MaxTabbarCount: 5,
    MaxCustomTabbarCount: 10,
    MaxTabbarIconSize: 40,
  },
};

function loadMiniprogramCi(): MiniprogramCi {
  const packageJsonPath = path.join(toolsDir, 'node_modules', 'miniprogram-ci', 'package.json');
  const installedVersion = fs.existsSync(packageJsonPath)
    ? (JSON.parse(fs.readFileSync(packageJsonPath, 'utf8')) as { version: string }).version
    : undefined;

  if (installedVersion !== CI_VERSION) {
    console.log(`Installing miniprogram-ci ${CI_VERSION} into ${toolsDir} (about 280 MB, first run only)`);
    fs.mkdirSync(toolsDir, { recursive: true });
    if (!fs.existsSync(path.join(toolsDir, 'package.json'))) {
      fs.writeFileSync(path.join(toolsDir, 'package.json'), '{"private":true}\n');
    }
    execFileSync(
      'npm',
      ['install', '--prefix', toolsDir, '--no-audit', '--no-fund', '--ignore-scripts', `miniprogram-ci@${CI_VERSION}`],
      { stdio: 'inherit' },
    );
  }

  return createRequire(packageJsonPath)('miniprogram-ci') as MiniprogramCi;
}

/**
 * Copies project.config.json and its miniprogramRoot into a temporary project folder, so that
 * a `build:weapp` running at the same time cannot change files during the compile.
 */
function copyBuildToTempProject(): string {
  const config = JSON.parse(fs.readFileSync(path.join(root, 'project.config.json'), 'utf8')) as {
    miniprogramRoot: string;
  };
  const buildDir = path.join(root, config.miniprogramRoot);
  if (!fs.existsSync(path.join(buildDir, 'app.json'))) {
    console.error(`${path.join(buildDir, 'app.json')} not found: run \`npm run build:weapp\` first.`);
    process.exit(1);
  }

  const projectDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-compile-check-'));
  fs.copyFileSync(path.join(root, 'project.config.json'), path.join(projectDir, 'project.config.json'));
  fs.cpSync(buildDir, path.join(projectDir, config.miniprogramRoot), { recursive: true });
  return projectDir;
}

/** Starts a loopback server that closes every connection as soon as it opens. */
async function startClosingServer(): Promise<net.Server> {
  const server = net.createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

function formatKiB(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

async function main(): Promise<number> {
  const ci = loadMiniprogramCi();
  const projectDir = copyBuildToTempProject();

  // Each compile also fetches the allowed file extensions from servicewechat.com and falls back
  // to a built-in list when the request fails. Sending it through a proxy that closes at once
  // keeps all traffic on this machine. The compiler then logs "[error] get white ext list fail",
  // which is expected.
  const closingServer = await startClosingServer();
  ci.proxy(`http://127.0.0.1:${(closingServer.address() as net.AddressInfo).port}`);

  // The constructor requires an upload key, but only attr() and upload use it, and neither runs
  // here, so a throwaway key is enough.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const project = new ci.Project({
    appid: 'touristappid',
    type: 'miniProgram',
    projectPath: projectDir,
    privateKey: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    attr: async () => PROJECT_ATTR,
  });

  let compileFailed = false;
  let compileSummary: string;
  const compileStart = Date.now();
  try {
    // project.config.json turns minification off, and then the compiler only validates the JSON
    // files. Minifying makes it parse the JS and WXML files, so their syntax errors fail here.
    const files = await ci.getCompiledResult({ project, setting: { useProjectConfig: true, minify: true } });
    const totalBytes = Object.values(files).reduce((sum, content) => sum + Buffer.byteLength(content), 0);
    compileSummary = `ok, ${Object.keys(files).length} files, ${formatKiB(totalBytes)} minified`;
  } catch (error: unknown) {
    const { message, code } = error as { message?: string; code?: number };
    compileFailed = true;
    compileSummary = `FAILED (miniprogram-ci error ${code ?? 'unknown'}): ${message ?? String(error)}`;
  }
  const compileSeconds = (Date.now() - compileStart) / 1000;

  const checks = await ci.checkCodeQuality(project);
  closingServer.close();
  fs.rmSync(projectDir, { recursive: true, force: true });

  console.log(`\nminiprogram-ci ${CI_VERSION} compile: ${compileSummary} (${compileSeconds.toFixed(1)} s)`);

  // miniprogram-ci reports a check whose code threw as passed, so a size check without its
  // per-package sizes in detail did not run and counts as failed.
  const sizeCheck = checks.find((check) => check.name === 'PACKAGE_SIZE_LIMIT');
  const packageSizes = sizeCheck?.detail as Record<string, number> | undefined;
  const sizeCheckPassed = sizeCheck?.success === true && packageSizes !== undefined;
  if (packageSizes) {
    console.log('Package sizes before compile (__APP__ is the main package):');
    for (const [name, bytes] of Object.entries(packageSizes)) {
      console.log(`  ${name.padEnd(12)} ${formatKiB(bytes)}`);
    }
  }

  // Only PACKAGE_SIZE_LIMIT decides the exit code, and it fails when any package, main or sub,
  // exceeds 1.5 MiB. The other checks are advice: JS_COMPRESS_OPEN and the like report
  // project.config.json settings, and their text is the rule, not the finding.
  console.log('Code quality checks:');
  for (const check of checks) {
    let verdict = 'pass';
    if (!check.success) {
      verdict = check.name === 'PACKAGE_SIZE_LIMIT' ? 'FAIL' : 'warn';
    }
    console.log(`  ${verdict}  ${check.name.padEnd(29)} ${check.text}`);
  }
  if (!sizeCheckPassed) {
    console.log('Package size check failed or did not run: see PACKAGE_SIZE_LIMIT above.');
  }

  return compileFailed || !sizeCheckPassed ? 1 : 0;
}

// process.exit is needed because the compiler keeps a forked child process connected, which
// would keep Node running for minutes after the checks finish.
main().then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    console.error('weapp compile check failed:', error);
    process.exit(1);
  },
);
