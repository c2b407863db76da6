// The exact `show stat` CSV layout of HAProxy 2.6.12 (captured from a live instance), one template row per object type.

export const STAT_COLUMNS: readonly string[] = (
  'pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight,act,bck,' +
  'chkfail,chkdown,lastchg,downtime,qlimit,pid,iid,sid,throttle,lbtot,tracked,type,rate,rate_lim,rate_max,check_status,' +
  'check_code,check_duration,hrsp_1xx,hrsp_2xx,hrsp_3xx,hrsp_4xx,hrsp_5xx,hrsp_other,hanafail,req_rate,req_rate_max,' +
  'req_tot,cli_abrt,srv_abrt,comp_in,comp_out,comp_byp,comp_rsp,lastsess,last_chk,last_agt,qtime,ctime,rtime,ttime,' +
  'agent_status,agent_code,agent_duration,check_desc,agent_desc,check_rise,check_fall,check_health,agent_rise,agent_fall,' +
  'agent_health,addr,cookie,mode,algo,conn_rate,conn_rate_max,conn_tot,intercepted,dcon,dses,wrew,connect,reuse,' +
  'cache_lookups,cache_hits,srv_icur,src_ilim,qtime_max,ctime_max,rtime_max,ttime_max,eint,idle_conn_cur,safe_conn_cur,' +
  'used_conn_cur,need_conn_est,uweight,agg_server_status,agg_server_check_status,agg_check_status,-,ssl_sess,' +
  'ssl_reused_sess,ssl_failed_handshake,h2_headers_rcvd,h2_data_rcvd,h2_settings_rcvd,h2_rst_stream_rcvd,h2_goaway_rcvd,' +
  'h2_detected_conn_protocol_errors,h2_detected_strm_protocol_errors,h2_rst_stream_resp,h2_goaway_resp,' +
  'h2_open_connections,h2_backend_open_streams,h2_total_connections,h2_backend_total_streams,h1_open_connections,' +
  'h1_open_streams,h1_total_connections,h1_total_streams,h1_bytes_in,h1_bytes_out,h1_spliced_bytes_in,h1_spliced_bytes_out'
).split(',');

export const STAT_HEADER = `# ${STAT_COLUMNS.join(',')},\n`;

const FRONTEND_ROW =
  'fe,FRONTEND,,,0,0,9983,0,0,0,0,0,0,,,,,OPEN,,,,,,,,,1,2,0,,,,0,0,0,0,,,,0,0,0,0,0,0,,0,0,0,,,0,0,0,0,,,,,,,,,,,,,,,,,,,,,' +
  'http,,0,0,0,0,0,0,0,,,0,0,,,,,,,0,,,,,,,,,-,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,';
const BACKEND_ROW =
  'be,BACKEND,0,0,0,0,999,0,0,0,0,0,,0,0,0,0,UP,0,0,0,,0,0,0,,1,3,0,,0,,1,0,,0,,,,0,0,0,0,0,0,,,,0,0,0,0,0,0,0,-1,,,0,0,0,0,' +
  ',,,,,,,,,,,,,http,roundrobin,,,,,,,0,0,0,0,0,,,0,0,0,0,0,,,,,0,0,0,0,-,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,';
const SERVER_ROW =
  'be,srv,0,0,0,0,,0,0,0,,0,,0,0,0,0,UP,0,1,0,0,0,0,0,,1,3,1,,0,,2,0,,0,L7OK,200,0,0,0,0,0,0,0,,,,0,0,0,,,,,-1,,,0,0,0,0,' +
  ',,,Layer7 check passed,,2,3,4,,,,127.0.0.1:80,,http,,,,,,,,0,0,0,,,0,,0,0,0,0,0,0,0,0,1,0,,,,-,0,0,0,,,,,,,,,,,,,,,,,,,,,,';

export type StatRowKind = 'frontend' | 'backend' | 'server';

const TEMPLATES: Record<StatRowKind, readonly string[]> = {
  frontend: FRONTEND_ROW.split(',').slice(0, STAT_COLUMNS.length),
  backend: BACKEND_ROW.split(',').slice(0, STAT_COLUMNS.length),
  server: SERVER_ROW.split(',').slice(0, STAT_COLUMNS.length),
};

const INDEX = new Map(STAT_COLUMNS.map((name, i) => [name, i]));

export type StatValues = Record<string, string | number>;

/** One CSV line: the template of its kind with the given columns replaced, and HAProxy's trailing comma. */
export function statRow(kind: StatRowKind, values: StatValues): string {
  const cells = [...TEMPLATES[kind]];
  for (const [name, value] of Object.entries(values)) {
    const i = INDEX.get(name);
    if (i === undefined) throw new Error(`unknown show stat column ${name}`);
    cells[i] = String(value);
  }
  return `${cells.join(',')},\n`;
}
