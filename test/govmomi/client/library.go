package main

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"time"

	"github.com/vmware/govmomi/vapi/library"
	"github.com/vmware/govmomi/vim25/soap"
)

// The OVF descriptor uploaded into the library item.
var ovf = []byte(`<?xml version="1.0" encoding="UTF-8"?><Envelope xmlns="http://schemas.dmtf.org/ovf/envelope/1" xmlns:ovf="http://schemas.dmtf.org/ovf/envelope/1"><VirtualSystem ovf:id="govmomi"/></Envelope>`)

// library: a local library on the first datastore, an item, and a file uploaded into it (vapi/library).
func (r *run) library() {
	ctx, lm := r.ctx, r.lm
	step("datastore.list", func() (interface{}, error) {
		var ds []struct {
			Datastore string `json:"datastore"`
		}
		if err := r.get("/api/vcenter/datastore", &ds); err != nil {
			return nil, err
		}
		if len(ds) == 0 {
			return nil, errors.New("no datastore")
		}
		r.datastore = ds[0].Datastore
		return r.datastore, nil
	})
	step("library.create", func() (interface{}, error) {
		if err := needs(r.datastore); err != nil {
			return nil, err
		}
		id, err := lm.CreateLibrary(ctx, library.Library{Name: "govmomi-library", Type: "LOCAL", Storage: []library.StorageBackings{{DatastoreID: r.datastore, Type: "DATASTORE"}}})
		r.lib = id
		return id, err
	})
	step("library.list", func() (interface{}, error) { return lm.ListLibraries(ctx) })
	step("library.get", func() (interface{}, error) {
		if err := needs(r.lib); err != nil {
			return nil, err
		}
		l, err := lm.GetLibraryByID(ctx, r.lib)
		if err != nil {
			return nil, err
		}
		return map[string]interface{}{"id": l.ID, "name": l.Name, "type": l.Type}, nil
	})
	step("library.find", func() (interface{}, error) { return lm.FindLibrary(ctx, library.Find{Name: "govmomi-library"}) })
	step("library.item.create", func() (interface{}, error) {
		if err := needs(r.lib); err != nil {
			return nil, err
		}
		id, err := lm.CreateLibraryItem(ctx, library.Item{Name: "govmomi-item", Type: "ovf", LibraryID: r.lib})
		r.item = id
		return id, err
	})
	step("library.item.get", func() (interface{}, error) {
		if err := needs(r.item); err != nil {
			return nil, err
		}
		i, err := lm.GetLibraryItem(ctx, r.item)
		if err != nil {
			return nil, err
		}
		return map[string]interface{}{"id": i.ID, "name": i.Name, "library_id": i.LibraryID, "type": i.Type}, nil
	})
	step("library.upload", r.upload)
	step("library.item.files", func() (interface{}, error) {
		if err := needs(r.item); err != nil {
			return nil, err
		}
		files, err := lm.ListLibraryItemFiles(ctx, r.item)
		sum := sha1.Sum(ovf)
		out := []map[string]interface{}{}
		for _, f := range files {
			e := map[string]interface{}{"name": f.Name}
			if f.Size != nil {
				e["size"] = *f.Size
			}
			if f.Checksum != nil {
				e["checksum"] = f.Checksum.Checksum
				e["matches"] = f.Checksum.Checksum == hex.EncodeToString(sum[:])
			}
			out = append(out, e)
		}
		return out, err
	})
}

// upload is what govc library.import does: an update session, a PUSH file, a PUT to the address it hands out, complete.
func (r *run) upload() (interface{}, error) {
	ctx, lm := r.ctx, r.lm
	if err := needs(r.item); err != nil {
		return nil, err
	}
	session, err := lm.CreateLibraryItemUpdateSession(ctx, library.Session{LibraryItemID: r.item})
	if err != nil {
		return nil, fmt.Errorf("create session: %w", err)
	}
	file, err := lm.AddLibraryItemFile(ctx, session, library.UpdateFile{Name: "govmomi.ovf", SourceType: "PUSH", Size: int64(len(ovf))})
	if err != nil {
		return nil, fmt.Errorf("add file: %w", err)
	}
	if file.UploadEndpoint == nil {
		return nil, errors.New("add file: no upload endpoint")
	}
	target, err := url.Parse(file.UploadEndpoint.URI)
	if err != nil {
		return nil, err
	}
	p := soap.DefaultUpload
	p.ContentLength = int64(len(ovf))
	if err := r.c.Upload(ctx, bytes.NewReader(ovf), target, &p); err != nil {
		return nil, fmt.Errorf("upload to %s: %w", target.Host, err)
	}
	if err := lm.CompleteLibraryItemUpdateSession(ctx, session); err != nil {
		return nil, fmt.Errorf("complete: %w", err)
	}
	if err := lm.WaitOnLibraryItemUpdateSession(ctx, session, 50*time.Millisecond, nil); err != nil {
		return nil, fmt.Errorf("wait: %w", err)
	}
	return map[string]interface{}{"same_host": target.Host == r.u.Host}, nil
}
