// Entry point of `npm start`: reads the environment, starts the server, prints demo tokens once, stops on SIGTERM.
import { ConfigError, loadConfig } from './config';
import { startLoopDelayLog } from './loop-delay';
import { startServer } from './server';
import { DataDirLockedError } from './store/data-lock';
import { StoreOpenError } from './store/store';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  if (process.env.LOOP_DELAY_LOG === '1') startLoopDelayLog(console.log); // `npm run bench` only
  const running = await startServer(config, { log: console.log });
  console.log(`企业诉求直通车同步服务已启动：${running.url}`);
  console.log(`数据目录：${config.dataDir}`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`收到 ${signal}，正在安全关闭（等待写入完成）…`);
    running.close().then(
      () => process.exit(0),
      (e: unknown) => {
        console.error('关闭时出错', e);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((e: unknown) => {
  if (e instanceof ConfigError) console.error(`配置错误：${e.message}`);
  else if (e instanceof DataDirLockedError || e instanceof StoreOpenError) console.error(`启动失败：${e.message}`);
  else console.error('启动失败', e);
  process.exit(1);
});
