(function(){
var f=document.getElementById('f'),q=document.getElementById('q'),m=document.getElementById('m');
var K='hang-doi-'+f.dataset.unit,tok=document.querySelector('meta[name=csrf]').content,busy=false;
function load(){try{return JSON.parse(localStorage.getItem(K))||[]}catch(e){return []}}
function show(){var n=load().length;q.dataset.count=n;q.textContent='Đang chờ gửi: '+n+' báo cáo (tự gửi khi có mạng)';q.hidden=!n}
function save(a){localStorage.setItem(K,JSON.stringify(a));show()}
function say(t){m.textContent=t;m.hidden=!t}
function uuid(){if(window.crypto&&crypto.randomUUID)return crypto.randomUUID();
var b=crypto.getRandomValues(new Uint8Array(16)),h='';b[6]=b[6]&15|64;b[8]=b[8]&63|128;
for(var i=0;i<16;i++){h+=(b[i]+256).toString(16).slice(1);if(i==3||i==5||i==7||i==9)h+='-'}return h}
function flush(){var a=load();if(busy||!a.length)return;busy=true;var r0=a[0];
fetch('/bao-cao',{method:'POST',credentials:'same-origin',headers:{'Content-Type':'application/json','X-CSRF-Token':tok},body:JSON.stringify(r0)})
.then(function(r){return r.json().then(function(j){busy=false;
if(r.ok||r.status==422){save(load().filter(function(x){return x.submission_id!==r0.submission_id}));
say(r.ok?(j.duplicate?'Báo cáo này đã được nhận trước đó (không ghi lại).':'Đã gửi: '+j.stored+' mục.'):j.message);flush()}
else say(j.message+' Báo cáo vẫn được giữ trên máy.')})})
.catch(function(){busy=false;show()})}
f.addEventListener('submit',function(e){e.preventDefault();var items=[];
[].forEach.call(f.querySelectorAll('input[type=radio]:checked'),function(c){var id=c.name.slice(2);
items.push({item:id,status:c.value,note:f.elements['n_'+id].value,evidence:f.elements['e_'+id].value})});
if(!items.length){say('Chọn trạng thái cho ít nhất một mục.');return}
var a=load(),d=f.elements.date.value;a.push({submission_id:uuid(),date:d,submitted_at:new Date().toISOString(),items:items});save(a);
f.reset();f.elements.date.value=d;say(navigator.onLine?'Đang gửi…':'Không có mạng: báo cáo đã lưu trên máy, sẽ tự gửi khi có mạng.');flush()});
addEventListener('online',flush);show();flush();setInterval(flush,30000)})();
