package main

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"sync"
	"time"

	"github.com/go-zeromq/zmq4"
)

// connection is the part of a Jupyter connection file the guidance kernel uses.
type connection struct {
	Transport   string `json:"transport"`
	IP          string `json:"ip"`
	ShellPort   int    `json:"shell_port"`
	ControlPort int    `json:"control_port"`
	StdinPort   int    `json:"stdin_port"`
	IOPubPort   int    `json:"iopub_port"`
	HBPort      int    `json:"hb_port"`
	Key         string `json:"key"`
}

// header is a Jupyter message header (messaging protocol 5.x).
type header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// message is a received message: its routing identities and decoded parts.
type message struct {
	ids     [][]byte
	header  header
	content map[string]any
}

// guidanceKernel answers a Jupyter front end with one line of guidance.
type guidanceKernel struct {
	key          []byte
	line         string
	mu           sync.Mutex // guards iopub and executionNum: shell and control are served concurrently
	iopub        zmq4.Socket
	executionNum int
	abortUntil   time.Time // execute requests queued behind a failed one are aborted
}

// abortWindow is how long after a failed execution the requests that arrive are
// taken as queued behind it (Run All sends them all at once) and aborted, as
// Jupyter kernels do with stop_on_error.
const abortWindow = 500 * time.Millisecond

// serveGuidance runs the guidance kernel on the sockets of the connection file
// until the front end asks it to shut down.
func serveGuidance(connFile, line string) error {
	raw, err := os.ReadFile(connFile)
	if err != nil {
		return err
	}
	var c connection
	if err := json.Unmarshal(raw, &c); err != nil {
		return fmt.Errorf("%s: %w", connFile, err)
	}
	addr := func(port int) string { return fmt.Sprintf("%s://%s:%d", c.Transport, c.IP, port) }
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	shell, control, stdin := zmq4.NewRouter(ctx), zmq4.NewRouter(ctx), zmq4.NewRouter(ctx)
	iopub, hb := zmq4.NewPub(ctx), zmq4.NewRep(ctx)
	for _, s := range []struct {
		sock zmq4.Socket
		port int
	}{{shell, c.ShellPort}, {control, c.ControlPort}, {stdin, c.StdinPort}, {iopub, c.IOPubPort}, {hb, c.HBPort}} {
		if err := s.sock.Listen(addr(s.port)); err != nil {
			return fmt.Errorf("listening on %s: %w", addr(s.port), err)
		}
		defer s.sock.Close()
	}
	k := &guidanceKernel{key: []byte(c.Key), line: line, iopub: iopub}

	go func() { // heartbeat: echo
		for {
			m, err := hb.Recv()
			if err != nil || hb.Send(m) != nil {
				return
			}
		}
	}()
	done := make(chan error, 2)
	for _, s := range []zmq4.Socket{shell, control} {
		go func(s zmq4.Socket) {
			for {
				zm, err := s.Recv()
				if err != nil {
					done <- err
					return
				}
				m, err := k.decode(zm.Frames)
				if err != nil {
					continue // unsigned or malformed: ignored, as Jupyter kernels do
				}
				if stop := k.handle(s, m); stop {
					done <- nil
					return
				}
			}
		}(s)
	}
	err = <-done
	time.Sleep(100 * time.Millisecond) // let the last replies leave
	return err
}

// handle answers one request; it reports whether the kernel should stop. Requests
// for completion, inspection or history are left unanswered: front ends give up on them.
func (k *guidanceKernel) handle(s zmq4.Socket, m message) (stop bool) {
	k.publish(m, "status", map[string]any{"execution_state": "busy"})
	defer k.publish(m, "status", map[string]any{"execution_state": "idle"})
	switch m.header.MsgType {
	case "kernel_info_request":
		k.reply(s, m, "kernel_info_reply", map[string]any{
			"status": "ok", "protocol_version": "5.3", "implementation": "smp-go-guard", "implementation_version": "1",
			"language_info": map[string]any{"name": "go", "mimetype": "text/x-go", "file_extension": ".go", "version": ""},
			"banner":        k.line,
		})
	case "execute_request":
		k.mu.Lock()
		abort := time.Now().Before(k.abortUntil)
		if !abort {
			k.executionNum++
			if stop, ok := m.content["stop_on_error"].(bool); !ok || stop {
				k.abortUntil = time.Now().Add(abortWindow)
			}
		}
		n := k.executionNum
		k.mu.Unlock()
		if abort {
			k.reply(s, m, "execute_reply", map[string]any{"status": "aborted", "execution_count": nil})
			break
		}
		code, _ := m.content["code"].(string)
		k.publish(m, "execute_input", map[string]any{"code": code, "execution_count": n})
		errContent := map[string]any{"ename": "smp-go", "evalue": k.line, "traceback": []string{k.line}}
		k.publish(m, "error", errContent)
		reply := map[string]any{"status": "error", "execution_count": n}
		maps.Copy(reply, errContent)
		k.reply(s, m, "execute_reply", reply)
	case "comm_info_request":
		k.reply(s, m, "comm_info_reply", map[string]any{"status": "ok", "comms": map[string]any{}})
	case "interrupt_request":
		k.reply(s, m, "interrupt_reply", map[string]any{"status": "ok"})
	case "shutdown_request":
		restart, _ := m.content["restart"].(bool)
		k.reply(s, m, "shutdown_reply", map[string]any{"status": "ok", "restart": restart})
		return true
	}
	return false
}

// decode checks the signature of a wire message and decodes its header and content.
func (k *guidanceKernel) decode(frames [][]byte) (message, error) {
	i := 0
	for i < len(frames) && string(frames[i]) != "<IDS|MSG>" {
		i++
	}
	if i+6 > len(frames) {
		return message{}, fmt.Errorf("short message")
	}
	if len(k.key) > 0 {
		want, err := hex.DecodeString(string(frames[i+1]))
		if err != nil || !hmac.Equal(want, k.sign(frames[i+2:i+6])) {
			return message{}, fmt.Errorf("bad signature")
		}
	}
	m := message{ids: frames[:i]}
	if err := json.Unmarshal(frames[i+2], &m.header); err != nil {
		return message{}, err
	}
	if err := json.Unmarshal(frames[i+5], &m.content); err != nil {
		return message{}, err
	}
	return m, nil
}

func (k *guidanceKernel) sign(parts [][]byte) []byte {
	mac := hmac.New(sha256.New, k.key)
	for _, p := range parts {
		mac.Write(p)
	}
	return mac.Sum(nil)
}

// frames encodes a message of type msgType in reply to parent, signed.
func (k *guidanceKernel) frames(ids [][]byte, parent message, msgType string, content any) [][]byte {
	h := header{MsgID: rand.Text(), Session: parent.header.Session, Username: "kernel",
		Date: time.Now().UTC().Format(time.RFC3339Nano), MsgType: msgType, Version: "5.3"}
	hj, _ := json.Marshal(h)
	pj, _ := json.Marshal(parent.header)
	cj, _ := json.Marshal(content)
	parts := [][]byte{hj, pj, []byte("{}"), cj}
	sig := ""
	if len(k.key) > 0 {
		sig = hex.EncodeToString(k.sign(parts))
	}
	out := append(append([][]byte{}, ids...), []byte("<IDS|MSG>"), []byte(sig))
	return append(out, parts...)
}

func (k *guidanceKernel) reply(s zmq4.Socket, parent message, msgType string, content any) {
	_ = s.SendMulti(zmq4.NewMsgFrom(k.frames(parent.ids, parent, msgType, content)...))
}

func (k *guidanceKernel) publish(parent message, msgType string, content any) {
	k.mu.Lock()
	defer k.mu.Unlock()
	_ = k.iopub.SendMulti(zmq4.NewMsgFrom(k.frames([][]byte{[]byte(msgType)}, parent, msgType, content)...))
}
